package dev.knobs.search.spark;

import dev.knobs.search.run.Delivery;
import dev.knobs.search.run.TrialBackend;
import dev.knobs.search.run.TrialWork;
import dev.knobs.search.strategy.TrialSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Trials on Apache Spark, the way Hyperopt's {@code SparkTrials} runs them: each trial is a Spark job
 * of one task, started from its own driver thread, so up to {@code slots} trials run at once on
 * whichever executors are free, and the search's scheduler stays on the driver.
 *
 * <p><b>Threads.</b> A trial's lesson uses {@code threads} kernel threads, and the task asks Spark
 * for as many cores ({@code spark.task.cpus}), so a worker with {@code C} cores runs
 * {@code C / threads} trials at once.
 *
 * <p><b>Failures.</b> A task that throws or whose executor is lost is started again by Spark, up
 * to {@code retries} more times ({@code spark.task.maxFailures}); after that the trial is reported as
 * failed with Spark's reason and the search goes on. A lesson that ends with an error is not a
 * failure of the task: its exit code and output come back like any trial's.
 *
 * <p><b>Results.</b> The task runs the trial into a temporary folder on the executor and ships
 * every file of it back ({@link ShippedRun}); the driver writes them into the trial's run folder, so
 * the search folder is the same as with local threads.
 *
 * <p><b>Addresses.</b> The driver binds to and advertises {@code 127.0.0.1} unless
 * {@code SPARK_LOCAL_IP} names another address of this machine (on a real cluster, one the workers
 * can reach). Spark's web UI is off.
 */
public final class SparkBackend implements TrialBackend {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)]");

    private final JavaSparkContext spark;
    private final int slots;
    private final int threads;
    private final int retries;
    private final String master;
    private final ExecutorService drivers;

    private SparkBackend(JavaSparkContext spark, String master, int slots, int threads, int retries) {
        this.spark = spark;
        this.master = master;
        this.slots = slots;
        this.threads = threads;
        this.retries = retries;
        AtomicInteger n = new AtomicInteger();
        this.drivers = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "spark-trial-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to {@code master} ({@code local[N]} starts Spark inside this JVM).
     *
     * @param parallel trials at once, or 0 for as many as the executors' cores allow
     * @param threads  kernel threads (and Spark cores) per trial
     * @param retries  restarts of a failed task
     */
    public static SparkBackend open(String master, int parallel, int threads, int retries, PrintStream out) {
        String address = System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1");
        Matcher local = LOCAL.matcher(master);
        String effective = local.matches() ? "local[" + local.group(1) + "," + (retries + 1) + "]" : master;
        SparkConf conf = new SparkConf().setAppName("knobs-search").setMaster(effective)
                .set("spark.driver.host", address)
                .set("spark.driver.bindAddress", address)
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", Integer.toString(retries + 1))
                .set("spark.task.cpus", Integer.toString(local.matches() ? 1 : threads))
                .set("spark.executor.memory", System.getProperty("knobs.spark.executor.memory", "4g"))
                .set("spark.executor.extraJavaOptions", executorFlags())
                .set("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        if (!local.matches()) {
            conf.setJars(applicationJars());
        }
        JavaSparkContext spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        int slots = parallel > 0 ? parallel : local.matches() ? Math.max(1, spark.defaultParallelism())
                : clusterSlots(spark, out);
        return new SparkBackend(spark, master, slots, threads, retries);
    }

    /** How long a cluster's executors may take to register before the search starts with what it has. */
    private static final long REGISTRATION_SECONDS = 90;

    /**
     * How many trials a cluster can run at once: the task slots of its registered executors, each
     * task taking {@code spark.task.cpus} cores. Not {@code defaultParallelism}, which on a cluster
     * is never below 2 (one worker of one core would be handed two trials, one of them waiting in
     * Spark's queue while its clock runs) and is 2 as well before any executor has registered. So
     * this waits until the executors' slots have not changed for 10 s (or {@value #REGISTRATION_SECONDS} s pass).
     * Spark has no public Java call for the count; {@code maxNumConcurrentTasks} is Scala-private
     * to Spark's package but public to the JVM, and is what Spark's own barrier scheduling uses.
     */
    private static int clusterSlots(JavaSparkContext spark, PrintStream out) {
        org.apache.spark.SparkContext sc = spark.sc();
        long deadline = System.nanoTime() + REGISTRATION_SECONDS * 1_000_000_000L;
        int slots = 0;
        int stableFor = 0;
        while (System.nanoTime() < deadline) {
            int now = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
            stableFor = now > 0 && now == slots ? stableFor + 1 : 0;
            slots = now;
            if (stableFor >= 20) {
                return slots;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (slots == 0) {
            out.println("no Spark executor registered within " + REGISTRATION_SECONDS + " s; starting with 1 trial at "
                    + "once (give --parallel N to choose)");
        }
        return Math.max(1, slots);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void start(TrialWork work, TrialSpec spec, Path folder, Consumer<Delivery> done) {
        drivers.execute(() -> {
            long start = System.nanoTime();
            RemoteTrial trial = new RemoteTrial(work, spec, folder.getFileName().toString());
            try {
                spark.setJobGroup("trial-" + spec.trial() + "-rung-" + spec.rung(), spec.label(), true);
                ShippedRun shipped = spark.parallelize(List.of(trial), 1).map(new Run()).collect().get(0);
                RemoteTrial.unpack(shipped.files(), folder);
                done.accept(new Delivery(spec, shipped.run(), null, shipped.attempt(), shipped.where(),
                        (System.nanoTime() - start) / 1e9, shipped.cpuSeconds()));
            } catch (Exception | Error e) {
                done.accept(new Delivery(spec, null, reason(e), retries + 1, "spark", (System.nanoTime() - start) / 1e9,
                        Double.NaN));
            }
        });
    }

    @Override
    public String describe() {
        return "Spark " + spark.version() + " at " + master + ": " + slots + (slots == 1 ? " trial" : " trials")
                + " at once, one task each, " + threads + (threads == 1 ? " thread" : " threads") + " per trial";
    }

    @Override
    public void close() {
        drivers.shutdownNow();
        spark.stop();
    }

    /** The task's function: runs a trial on an executor. */
    static final class Run implements Function<RemoteTrial, ShippedRun> {
        private static final long serialVersionUID = 1L;

        @Override
        public ShippedRun call(RemoteTrial trial) {
            return trial.call();
        }
    }

    /** Spark's reason for a failed job, on one line: the task's own exception where Spark quotes it. */
    static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int cause = m.indexOf("): ");
        String line = (cause >= 0 ? m.substring(cause + 3) : m).strip().split("\\R")[0];
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** What every executor JVM needs: Spark's Java 17 flags, the Vector API for nn-core's kernels, headless plots. */
    static String executorFlags() {
        return String.join(" ", List.of("--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true",
                "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false"));
    }

    /**
     * The application jar executors load the search from: the jar this class came from, which on a
     * cluster is the module's {@code -app.jar} (search, lessons and their libraries).
     */
    static String[] applicationJars() {
        try {
            Path source = Path.of(SparkBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(source) && source.toString().endsWith(".jar")) {
                return new String[] {source.toString()};
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the message below
        }
        throw new dev.knobs.lessons.common.UsageException("a Spark cluster runs the search from the module's application "
                + "jar: build it (mvn -pl search-spark -am package -DskipTests) and start the driver from "
                + "search-spark/target/knobs-search-spark-*-app.jar (search-spark/cluster.sh run, or spark-submit)");
    }
}
