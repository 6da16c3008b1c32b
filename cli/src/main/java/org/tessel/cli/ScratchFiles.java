package org.tessel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tessel.cluster.ConfigFile;
import org.tessel.cluster.RunSpec;

/**
 * Where a member keeps the config files that arrive with its work units: one copy per content,
 * under a directory named by the file's fingerprint, removed when the JVM exits.
 *
 * @param dir the member's scratch directory
 */
record ScratchFiles(Path dir) {

    /** A fresh scratch directory, removed when the JVM exits. */
    static ScratchFiles create() {
        try {
            Path dir = Files.createTempDirectory("tessel-member");
            dir.toFile().deleteOnExit();
            return new ScratchFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for shipped config files", e);
        }
    }

    /** The member's copy of a shipped file, written once (atomically: units on other threads may read it). */
    Path local(ConfigFile file) {
        Path sub = dir.resolve(file.fingerprint());
        Path path = sub.resolve(file.name());
        if (Files.isRegularFile(path)) {
            return path;
        }
        try {
            Files.createDirectories(sub);
            Path tmp = Files.createTempFile(sub, ".part", ".tmp");
            Files.write(tmp, file.content());
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // deleted in reverse order of registration: the file before its directory
            sub.toFile().deleteOnExit();
            path.toFile().deleteOnExit();
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a shipped config file in " + sub, e);
        }
    }

    /** The command line of a unit on this member: its three files (local copies) and its options. */
    String[] arguments(RunSpec unit) {
        List<String> args = new ArrayList<>(List.of("--workload", local(unit.workload()).toString(), "--accelerator",
                local(unit.accelerator()).toString(), "--mapping", local(unit.mapping()).toString()));
        args.addAll(unit.options());
        return args.toArray(String[]::new);
    }
}
