package org.tessel.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tessel.model.BadInputException;
import org.tessel.model.search.Objective;

/** The objectives selectable with {@code --objective}, with the unit of their values. */
enum ObjectiveChoice {
    /** Total energy. */
    ENERGY(Objective.ENERGY, "pJ"),
    /** Total latency. */
    LATENCY(Objective.LATENCY, "cycles"),
    /** Energy-delay product. */
    EDP(Objective.EDP, "pJ·cycles"),
    /** The energy/latency Pareto front, summarised by its lowest EDP. */
    PARETO(Objective.PARETO_ENERGY_LATENCY, "pJ·cycles");

    private final Objective objective;
    private final String unit;

    ObjectiveChoice(Objective objective, String unit) {
        this.objective = objective;
        this.unit = unit;
    }

    /** The model's objective. */
    Objective objective() {
        return objective;
    }

    /** The unit of the objective's scalar value ({@code best_value}). */
    String unit() {
        return unit;
    }

    /** The name on the command line. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The objective called {@code name}.
     *
     * @throws BadInputException naming the valid choices
     */
    static ObjectiveChoice parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.cliName().equals(n)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown objective '" + name + "' (choose from "
                        + Arrays.stream(values()).map(ObjectiveChoice::cliName).collect(Collectors.joining(", ")) + ")"));
    }
}
