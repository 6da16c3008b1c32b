package org.tessel.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * An A/B of one benchmark method across several benchmark jars in one JVM (not a JMH benchmark):
 * each jar gets its own class loader, the method of each runs in alternating rounds (the order
 * reversed every other round), and each round is timed. On a machine shared with other builds,
 * where JMH cannot resolve a few percent, alternation in one process exposes every jar to the
 * same load; the low percentiles are the comparison to read.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.tessel.benchmarks.AlternatingAb
 * ROUNDS CALLS JAR...}; system properties {@code ab.class} (default {@code FixedMappingBenchmark}),
 * {@code ab.method} ({@code evaluate}), {@code ab.fields} (int {@code @Param} fields,
 * {@code layer=2}), {@code ab.warmup} (seconds of alternating warm-up, 30) and {@code ab.clock}
 * ({@code cpu}: the thread's CPU time, for single-threaded methods; {@code wall} for methods that
 * use the common pool, such as {@code WholeScheduleBenchmark}). Prints per jar p10, first quartile
 * and median of the time per call.
 */
public final class AlternatingAb {

    private AlternatingAb() {}

    public static void main(String[] args) throws Throwable {
        int rounds = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int jars = args.length - 2;
        String className = "org.tessel.benchmarks." + System.getProperty("ab.class", "FixedMappingBenchmark");
        String methodName = System.getProperty("ab.method", "evaluate");
        boolean wall = System.getProperty("ab.clock", "cpu").equals("wall");
        MethodHandle[] method = new MethodHandle[jars];
        for (int j = 0; j < jars; j++) {
            // the platform loader as parent: each jar's classes, costmodel and model included, are its own
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[2 + j]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(className);
            Object benchmark = c.getConstructor().newInstance();
            for (String field : System.getProperty("ab.fields", "layer=2").split(",")) {
                String[] kv = field.split("=");
                c.getField(kv[0]).setInt(benchmark, Integer.parseInt(kv[1]));
            }
            c.getMethod("prepare").invoke(benchmark);
            method[j] = MethodHandles.publicLookup()
                    .findVirtual(c, methodName, MethodType.methodType(c.getMethod(methodName).getReturnType()))
                    .bindTo(benchmark).asType(MethodType.methodType(Object.class));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object sink = null;
        long warmupEnd = System.nanoTime() + Long.getLong("ab.warmup", 30) * 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            for (MethodHandle m : method) {
                for (int i = 0; i < calls; i++) {
                    sink = (Object) m.invokeExact();
                }
            }
        }
        double[][] ns = new double[jars][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < jars; k++) {
                int j = r % 2 == 0 ? k : jars - 1 - k;
                long t0 = wall ? System.nanoTime() : threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink = (Object) method[j].invokeExact();
                }
                long t1 = wall ? System.nanoTime() : threads.getCurrentThreadCpuTime();
                ns[j][r] = (t1 - t0) / (double) calls;
            }
        }
        for (int j = 0; j < jars; j++) {
            double[] s = ns[j].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-40s p10 %,12.0f  q1 %,12.0f  median %,12.0f ns per call (%s)%n",
                    args[2 + j], s[rounds / 10], s[rounds / 4], s[rounds / 2], wall ? "wall" : "thread CPU");
        }
        if (sink == null) {
            System.out.println("(no result)");
        }
    }
}
