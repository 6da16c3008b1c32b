package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tessel} launcher keeps a JDK ahead-of-time cache beside the jar: trained once per
 * built jar, used on every start, trained again when the jar is rebuilt, and ignored silently
 * when the JVM cannot use it (issue 13, item 8). Run on a copy of the launcher with a stand-in jar
 * whose main class says whether it started with the cache.
 */
class LauncherTest {

    /** The stand-in application: prints the AOT cache it was started with, if any. */
    public static final class StandIn {
        public static void main(String[] args) {
            System.out.println(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-XX:AOTCache=")).findFirst().orElse("no cache"));
        }
    }

    record Run(int status, String out, String err) {}

    @Test
    void trainsOncePerJarUsesTheCacheAndFallsBackSilently(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("..", "tessel"), root.resolve("tessel"));
        Files.copy(Path.of("..", "bin", "with-jdk25"), root.resolve("bin", "with-jdk25"));
        Path jar = root.resolve("cli/target/tessel.jar");
        Files.createDirectories(jar.getParent());
        writeStandInJar(jar);
        Path aot = root.resolve("cli/target/tessel.aot");

        Run first = run(root);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.err().contains("training the start-up cache"), first.err());
        assertTrue(Files.size(aot) > 0, "a cache was trained");
        assertEquals("-XX:AOTCache=" + aot, first.out().strip());

        Run second = run(root);
        assertEquals("", second.err(), "trained once per jar");
        assertEquals("-XX:AOTCache=" + aot, second.out().strip());

        // a cache the JVM cannot use: the run goes on without a word
        Files.write(aot, new byte[4096]);
        Run garbage = run(root);
        assertEquals(0, garbage.status());
        assertEquals("", garbage.err());

        // a rebuilt jar: trained again
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Run rebuilt = run(root);
        assertTrue(rebuilt.err().contains("training the start-up cache"), rebuilt.err());
        assertEquals("-XX:AOTCache=" + aot, rebuilt.out().strip());

        Run off = run(root, "TESSEL_AOT", "0");
        assertEquals("no cache", off.out().strip());
        assertFalse(off.err().contains("training"), off.err());
    }

    private static Run run(Path root, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", root.resolve("tessel").toString(), "--version"));
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static void writeStandInJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandIn.class.getName());
        String entry = StandIn.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = StandIn.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
