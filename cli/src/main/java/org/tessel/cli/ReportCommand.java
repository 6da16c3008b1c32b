package org.tessel.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.tessel.cli.io.AtomicFile;
import org.tessel.cli.report.ReportPage;
import org.tessel.cli.report.ResultFile;
import org.tessel.cli.report.Section;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessel report}: one self-contained HTML page from result files. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Puts result files together on one self-contained HTML page (images inline, no network needed):",
            "sweep CSV (heatmaps), evaluate and search JSON (tables and charts), compare and other CSV tables.",
            "Example: ./tessel report sweep.csv search.json --out report.html"
        })
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "result files Tessel wrote (.csv, .json)")
    List<Path> results;

    @Option(names = "--out", required = true, converter = OutputFile.class, paramLabel = "FILE", description = "the HTML page to write")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Section> sections = results.stream().map(ResultFile::read).toList();
        String html = ReportPage.html(sections, ZonedDateTime.now());
        AtomicFile.write(out, html.getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().printf("report of %d result%s in %s%n", sections.size(), sections.size() == 1 ? "" : "s", out);
        return ExitCode.OK;
    }
}
