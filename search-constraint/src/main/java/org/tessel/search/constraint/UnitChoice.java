package org.tessel.search.constraint;

import java.util.List;
import java.util.stream.IntStream;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;
import org.tessel.model.schedule.OverlapMode;

/**
 * The planning entity: one undividable unit, with three planning variables — whether the stack is
 * cut after it, and the tile index and overlap mode a stack ending with it uses. Mutable because
 * OptaPlanner assigns the variables in place (and needs a no-argument constructor and setters);
 * it never leaves this package.
 */
@PlanningEntity
public class UnitChoice {

    @PlanningId
    private int unit;
    private List<Boolean> cutRange;
    private List<Integer> tileRange;
    private PlanScoring scoring;

    @PlanningVariable(valueRangeProviderRefs = "cutRange")
    private Boolean cut;
    @PlanningVariable(valueRangeProviderRefs = "tileRange")
    private Integer tile;
    @PlanningVariable(valueRangeProviderRefs = "modeRange")
    private OverlapMode mode;

    /** For OptaPlanner's cloning. */
    public UnitChoice() {}

    UnitChoice(int unit, boolean last, int tiles, PlanScoring scoring) {
        this.unit = unit;
        this.cutRange = last ? List.of(Boolean.FALSE) : List.of(Boolean.FALSE, Boolean.TRUE);
        this.tileRange = IntStream.range(0, tiles).boxed().toList();
        this.scoring = scoring;
    }

    /** The unit index. */
    public int getUnit() {
        return unit;
    }

    /** Cut values allowed here: none after the last unit. */
    @ValueRangeProvider(id = "cutRange")
    public List<Boolean> getCutRange() {
        return cutRange;
    }

    /** Tile indices of this unit's candidates. */
    @ValueRangeProvider(id = "tileRange")
    public List<Integer> getTileRange() {
        return tileRange;
    }

    PlanScoring scoring() {
        return scoring;
    }

    /** True if the stack is cut after this unit. */
    public Boolean getCut() {
        return cut;
    }

    /** Planning-variable setter for OptaPlanner. */
    public void setCut(Boolean cut) {
        this.cut = cut;
    }

    /** Tile index of a stack ending with this unit. */
    public Integer getTile() {
        return tile;
    }

    /** Planning-variable setter for OptaPlanner. */
    public void setTile(Integer tile) {
        this.tile = tile;
    }

    /** Overlap mode of a stack ending with this unit. */
    public OverlapMode getMode() {
        return mode;
    }

    /** Planning-variable setter for OptaPlanner. */
    public void setMode(OverlapMode mode) {
        this.mode = mode;
    }

    @Override
    public String toString() {
        return "unit " + unit + " cut=" + cut + " tile=" + tile + " mode=" + mode;
    }
}
