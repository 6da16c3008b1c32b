package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The depth-first packages are layered as {@code package-info} of this package lists them: a
 * package uses only packages listed before it (so there are no cycles), and the engine's entry
 * points on top use them all. Read from the sources: imports and fully qualified names, in code
 * and in Javadoc links alike.
 */
class PackageStructureTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "org", "tessel", "costmodel", "depthfirst");
    private static final String BASE = "org.tessel.costmodel.depthfirst";
    /** Bottom to top; "" is this package. */
    private static final List<String> LAYERS = List.of("graph", "backprop", "partition", "tiling", "copy", "layertile",
            "tiletype", "aggregate", "bound", "");
    private static final Pattern REFERENCE = Pattern.compile("org\\.tessel\\.costmodel\\.depthfirst(?:\\.([a-z]\\w*))?\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                packages.add(pkg);
                int level = LAYERS.indexOf(pkg);
                assertTrue(level >= 0, "package " + BASE + "." + pkg + " is not in the layer list (and package-info)");
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1) == null ? "" : m.group(1);
                    if (LAYERS.indexOf(used) > level) {
                        violations.add(f.getFileName() + " (" + (pkg.isEmpty() ? "depthfirst" : pkg) + ") uses "
                                + (used.isEmpty() ? "depthfirst" : used));
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(new TreeSet<>(LAYERS), packages, "every listed package exists");
    }
}
