package org.tessel.cli.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessel.model.BadInputException;

/**
 * One row of a sweep CSV ({@code tessel sweep --csv}).
 *
 * @param width tile width
 * @param height tile height
 * @param mode overlap mode (its command-line name)
 * @param feasible false if the point cannot run on the accelerator
 * @param energy total energy (pJ), NaN if infeasible
 * @param latency {@code latency_total1} (cycles, the latency the reference plots), NaN if infeasible
 */
public record SweepPoint(long width, long height, String mode, boolean feasible, double energy, double latency) {

    /** The CSV header these rows come under. */
    public static final String HEADER =
            "tile_x,tile_y,mode,feasible,energy_total_pJ,latency_total0,latency_total1,latency_total2,runtime_ms";

    /**
     * The rows of a sweep CSV file. A last line without its line end (an interrupted write) is
     * skipped, as {@code sweep --resume} drops it; any malformed complete line is an error naming
     * the file and line.
     *
     * @throws BadInputException if the file cannot be read or is not a sweep CSV
     */
    public static List<SweepPoint> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty() || !lines.getFirst().strip().equals(HEADER)) {
            throw new BadInputException(file + ": not a sweep CSV (the first line must be " + HEADER + ")");
        }
        // as sweep --resume reads it (SweepCsv): a last line without its line end was cut short
        if (!text.endsWith("\n") && lines.size() > 1) {
            lines.removeLast();
        }
        int fields = HEADER.split(",").length;
        List<SweepPoint> points = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != fields) {
                    throw new IllegalArgumentException(f.length + " fields instead of " + fields);
                }
                boolean feasible = Boolean.parseBoolean(f[3]);
                points.add(new SweepPoint(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], feasible,
                        feasible ? Double.parseDouble(f[4]) : Double.NaN, feasible ? Double.parseDouble(f[6]) : Double.NaN));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": line " + (n + 1) + ": not a sweep row (" + e.getMessage() + ")");
            }
        }
        return points;
    }
}
