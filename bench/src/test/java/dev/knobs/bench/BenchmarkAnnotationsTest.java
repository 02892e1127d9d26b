package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Checks the JMH benchmarks' declarations without running any: the GFLOP/s figures are right
 * only if each GEMM method declares the flops of the product it computes, and the benchmark jar
 * can run them only if JMH's annotation processor listed them all.
 */
class BenchmarkAnnotationsTest {
    private static final List<Class<?>> BENCHMARKS =
            List.of(GemmKernelBenchmark.class, ElementwiseKernelBenchmark.class, AugmentBenchmark.class);
    private static final Pattern GEMM_NAME = Pattern.compile("(ab|atb|abt)_(\\d+)x(\\d+)x(\\d+)");

    @Test
    void everyGemmBenchmarkDeclaresTwoFlopsPerMultiplyAddOfTheProductInItsName() {
        Set<String> shapes = new TreeSet<>();
        for (Method m : benchmarkMethods(GemmKernelBenchmark.class)) {
            Matcher name = GEMM_NAME.matcher(m.getName());
            assertTrue(name.matches(), m.getName() + " should read form_MxKxN");
            long flops = 2L * Long.parseLong(name.group(2)) * Long.parseLong(name.group(3)) * Long.parseLong(name.group(4));
            OperationsPerInvocation ops = m.getAnnotation(OperationsPerInvocation.class);
            assertNotNull(ops, m.getName() + " needs @OperationsPerInvocation");
            assertEquals(flops, ops.value(), m.getName());
            shapes.add(m.getName());
        }
        assertEquals(Set.of("abt_128x784x1024", "abt_128x1024x1024", "atb_1024x128x1024", "ab_128x1024x1024",
                "abt_128x1024x10"), shapes);
    }

    @Test
    void everyBenchmarkForksWithTheVectorApi() {
        for (Class<?> c : BENCHMARKS) {
            Fork fork = c.getAnnotation(Fork.class);
            assertNotNull(fork, c.getSimpleName());
            assertTrue(Arrays.asList(fork.jvmArgsPrepend()).contains("--add-modules=jdk.incubator.vector"),
                    c.getSimpleName() + " forks without the Vector API");
        }
    }

    @Test
    void everyElementwiseKernelIsCompiledAsACallOfItsOwn() {
        for (Method m : benchmarkMethods(ElementwiseKernelBenchmark.class)) {
            CompilerControl control = m.getAnnotation(CompilerControl.class);
            assertNotNull(control, m.getName() + " may be inlined into JMH's loop");
            assertEquals(CompilerControl.Mode.DONT_INLINE, control.value(), m.getName());
        }
    }

    @Test
    void theAnnotationProcessorListedEveryBenchmark() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList is missing: JMH's annotation processor did not run");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int count = 0;
        for (Class<?> c : BENCHMARKS) {
            for (Method m : benchmarkMethods(c)) {
                String harness = c.getPackageName() + ".jmh_generated." + c.getSimpleName() + "_" + m.getName() + "_jmhTest";
                assertTrue(list.contains(" " + harness + " "), c.getSimpleName() + "." + m.getName() + " is not listed");
                assertDoesNotThrow(() -> Class.forName(harness), harness + " was not generated");
                count++;
            }
        }
        assertEquals(13, count, "5 GEMM products, 7 elementwise kernels, 1 augmentation");
    }

    private static List<Method> benchmarkMethods(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).toList();
    }
}
