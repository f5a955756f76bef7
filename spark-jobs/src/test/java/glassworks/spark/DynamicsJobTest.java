package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;
import glassworks.md.dynamics.LagGrid;
import glassworks.md.dynamics.RunDynamics;
import glassworks.md.dynamics.Trajectory;
import glassworks.md.io.FramesFileReader;
import glassworks.schema.tables.FitsTable;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.TimescalesTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code glassworks dynamics} and {@code glassworks fit} on a small three-temperature KA campaign: the Spark job equals the
 * kernel on the stored trajectory; F_s decays at high T, tau_alpha grows and D falls on cooling; time scales are
 * queryable by SQL; Arrhenius fits come out with errors and a law that needs more points is recorded as not fitted.
 */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamicsJobTest {
    static final int N = 500;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    static Warehouse warehouse;

    @BeforeAll
    static void campaign(SparkSession spark) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("glassworks-dyn");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(2.0, 1.2, 0.9), 1, 0.005, 2000, 4000, 50, 500, 9,
                Ensemble.NVT, 0.5, 0.3, false, false, false), warehouse).run(spark, QUIET);
    }

    static DynamicsOptions options(boolean overwrite) {
        return new DynamicsOptions("ka3d", List.of(), List.of(), null, 0.3, 1, true, overwrite);
    }

    @Test
    @Order(1)
    void timeScalesGrowOnCoolingAndEqualTheKernel(SparkSession spark) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DynamicsJob(options(false), warehouse).run(spark, new PrintStream(log, true));
        String text = log.toString();
        assertTrue(text.contains("k* = 7."), text); // first peak of S_AA near 7.2 at rho = 1.2
        warehouse.registerViews(spark);
        List<Row> tau = spark.sql("SELECT T, value, error FROM timescales WHERE quantity = 'tau_alpha' AND run_id = 'all' "
                + "AND species = 'A' ORDER BY T").collectAsList();
        assertEquals(3, tau.size(), "tau_alpha at every temperature");
        assertTrue(tau.get(0).getDouble(1) > tau.get(1).getDouble(1) && tau.get(1).getDouble(1) > tau.get(2).getDouble(1),
                "tau_alpha grows on cooling: " + tau);
        List<Row> d = spark.sql("SELECT T, value FROM timescales WHERE quantity = 'diffusion' AND run_id = 'all' AND "
                + "species = 'A' ORDER BY T").collectAsList();
        assertTrue(d.get(0).getDouble(1) < d.get(d.size() - 1).getDouble(1), "D falls on cooling: " + d);
        double last = spark.sql("SELECT value FROM observables WHERE observable = 'fs' AND T = 2 AND species = 'A' "
                + "ORDER BY lag_steps DESC LIMIT 1").first().getDouble(0);
        assertTrue(last < 0.05, "F_s has decayed at T = 2 by the longest lag: " + last);
        assertTrue(spark.sql("SELECT count(*) FROM timescales WHERE quantity = 'stokes_einstein'").first().getLong(0) >= 3);
        assertTrue(spark.sql("SELECT count(*) FROM observables WHERE observable = 'cb'").first().getLong(0) > 0);

        // oracle: the kernel on the stored trajectory of the T = 1.2 run
        String run = "ka3d-T1.2-r0-s9";
        List<Path> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 1.2, run));
        Trajectory.Builder b = Trajectory.builder();
        FramesFileReader.forEachFrame(files, Warehouse.conf(), N, 3, 0, 80, f -> b.add(f));
        Trajectory t = b.build();
        double k = spark.sql("SELECT first(k) FROM observables WHERE observable = 'fs' AND run_id = '" + run + "'")
                .first().getDouble(0);
        RunDynamics.Result r = RunDynamics.compute(t, LagGrid.forSchedule(t, FrameSchedule.linear(50), 1),
                RunDynamics.Options.defaults(k).withOverlap(0.3));
        List<Row> msd = spark.sql("SELECT lag_steps, value FROM observables WHERE observable = 'msd' AND run_id = '" + run
                + "' AND species = 'all' ORDER BY lag_steps").collectAsList();
        assertEquals(r.lags(), msd.size());
        for (int l = 0; l < r.lags(); l++) {
            assertEquals(r.lagSteps()[l], msd.get(l).getLong(0));
            assertEquals(r.msd()[r.all()][l], msd.get(l).getDouble(1), 0.0, "msd at lag " + l);
        }
        List<Row> s4 = spark.sql("SELECT k, value FROM observables WHERE observable = 's4' AND run_id = '" + run
                + "' AND species = 'all' AND lag_steps = " + r.lagSteps()[5] + " ORDER BY k").collectAsList();
        assertEquals(r.s4Q().length, s4.size(), "S4 at every shell");
        for (int q = 0; q < s4.size(); q++) {
            assertEquals(r.s4Q()[q], s4.get(q).getDouble(0), 0.0);
            assertEquals(r.s4()[r.all()][5][q], s4.get(q).getDouble(1), 0.0, "S4 at shell " + q);
        }
    }

    @Test
    @Order(2)
    void existingTimeScalesNeedOverwrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DynamicsJob(options(false), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    }

    @Test
    @Order(3)
    void arrheniusFitsCarryErrorsAndTooFewPointsAreRecorded(SparkSession spark) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<FitsTable.Row> rows = new FitJob(new FitJob.Options("ka3d", null, null, List.of("arrhenius", "vft")),
                warehouse).run(spark, new PrintStream(log, true));
        FitsTable.Row e = rows.stream().filter(r -> r.quantity().equals("tau_alpha") && r.species().equals("A")
                && r.law().equals("arrhenius") && r.parameter().equals("E")).findFirst().orElseThrow();
        assertTrue(e.converged());
        assertTrue(e.value() > 0 && e.error() != null && e.error() > 0, "activation energy " + e);
        assertEquals(3, e.nPoints());
        FitsTable.Row vft = rows.stream().filter(r -> r.quantity().equals("tau_alpha") && r.law().equals("vft"))
                .findFirst().orElseThrow();
        assertFalse(vft.converged(), "VFT needs more than 3 temperatures");
        assertTrue(vft.message() != null && !vft.message().isEmpty());
        warehouse.registerViews(spark);
        assertTrue(spark.sql("SELECT count(*) FROM fits WHERE law = 'arrhenius'").first().getLong(0) >= 4);

        // general form: any query's (T, y, sigma) against 1/T, per group; sigma of ln tau = relative error, as above
        List<FitsTable.Row> general = new FitJob(new FitJob.Options("ka3d",
                "SELECT T, ln(value) AS y, error / value AS sigma, species AS grp FROM timescales WHERE quantity = 'tau_alpha' AND run_id = 'all'",
                "ln_tau", List.of("inverse_t_linear")), warehouse).run(spark, QUIET);
        FitsTable.Row slope = general.stream().filter(r -> r.species().equals("A") && r.parameter().equals("b"))
                .findFirst().orElseThrow();
        assertEquals(e.value(), slope.value(), 1e-6 * Math.abs(e.value()), "ln tau against 1/T is the Arrhenius fit");
        assertThrows(IllegalArgumentException.class,
                () -> new FitJob(new FitJob.Options("ka3d", null, null, List.of("cubic")), warehouse).validate());

        // a domain length growing as L = 2 t^(1/3) (seed 000's coarsening law), fitted against time
        String lengths = "SELECT t, 2 * pow(t, 1.0D / 3.0D) AS y FROM VALUES (1.0D), (4.0D), (16.0D), (64.0D), (256.0D) AS v(t)";
        FitsTable.Row n = new FitJob(new FitJob.Options("ka3d", lengths, "domain_length", List.of("power_law_t")),
                warehouse).run(spark, QUIET).stream().filter(r -> r.parameter().equals("n")).findFirst().orElseThrow();
        assertEquals(1.0 / 3, n.value(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new FitJob(new FitJob.Options("ka3d", null, null,
                List.of("power_law_t")), warehouse).validate(), "power_law_t needs --sql with a time column");
    }

    @Test
    @Order(4)
    void perParticleLabelsEqualTheKernel(SparkSession spark) throws IOException {
        DynamicsOptions o = new DynamicsOptions("ka3d", List.of(2.0), List.of(), null, 0.3, 1, false, true,
                List.of("p_hop", "csd", "disp"), 5, 10, 10, List.of(), "phop", null);
        new DynamicsJob(o, warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        // 81 frames: p_hop at frames 5 .. 75, csd at frames 10 .. 80
        assertEquals(71L * N, spark.sql("SELECT count(*) FROM labels WHERE label = 'p_hop'").first().getLong(0));
        assertEquals(71L * N, spark.sql("SELECT count(*) FROM labels WHERE label = 'csd'").first().getLong(0));
        String run = "ka3d-T2-r0-s9";
        List<Path> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 2.0, run));
        Trajectory.Builder b = Trajectory.builder();
        FramesFileReader.forEachFrame(files, Warehouse.conf(), N, 3, 0, 80, f -> b.add(f));
        Trajectory t = b.build();
        double[] expected = glassworks.md.dynamics.ParticleLabels.pHop(t, 40, 5);
        List<Row> got = spark.sql("SELECT particle, value FROM labels WHERE label = 'p_hop' AND frame = 40 ORDER BY "
                + "particle").collectAsList();
        assertEquals(N, got.size());
        for (Row r : got) {
            assertEquals(expected[r.getInt(0)], r.getDouble(1), 0.0);
        }
        // disp over 10 frames from origins 0 .. 70
        assertEquals(71L * N, spark.sql("SELECT count(*) FROM labels WHERE label = 'disp'").first().getLong(0));
        double[] disp = glassworks.md.dynamics.ParticleLabels.displacement(t, 20, 30);
        for (Row r : spark.sql("SELECT particle, value, span FROM labels WHERE label = 'disp' AND frame = 20")
                .collectAsList()) {
            assertEquals(disp[r.getInt(0)], r.getDouble(1), 0.0);
            assertEquals(t.time(10) - t.time(0), r.getDouble(2), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> new DynamicsOptions("ka3d", List.of(), List.of(), null, 0.3,
                1, false, true, List.of("hops"), 5, 10).validate());
    }

    @Test
    @Order(5)
    void figuresAreWrittenAsPngAndSvg(SparkSession spark) throws IOException {
        java.nio.file.Path out = Files.createTempDirectory("glassworks-plots");
        List<java.nio.file.Path> files = new PlotJob(new PlotJob.Options("ka3d", "A", out.toString(), List.of("png", "svg")),
                warehouse).run(spark, QUIET);
        for (String name : new String[] {"msd", "fs", "chi4", "arrhenius"}) {
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve(name + ".png").toFile());
            assertEquals(800, png.getWidth(), name);
            assertEquals(600, png.getHeight(), name);
            assertTrue(Files.readString(out.resolve(name + ".svg")).contains("<svg"), name);
        }
        assertEquals(8, files.size());
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.list(out)) {
            assertEquals(8L, s.count(), "no temporary files left");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlotJob(new PlotJob.Options("ka3d", "A", out.toString(), List.of("gif")), warehouse).validate());
        assertTrue(e.getMessage().contains("png"), e.getMessage());
    }

    @Test
    @Order(6)
    void isoconfigurationalPropensitiesEqualTheKernel(SparkSession spark) throws IOException {
        String parent = "ka3d-T1.2-r0-s9";
        List<glassworks.schema.tables.RunsTable.Row> reps = new IsoJob(new IsoOptions(parent, 40, 3, 3, 11, List.of(), 400,
                Double.NaN, FrameSchedule.linear(25), glassworks.md.RunConfig.DEFAULT_MAX_FRAMES, 0, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, false, false, false, false), warehouse).run(spark, QUIET);
        List<String> ids = reps.stream().map(glassworks.schema.tables.RunsTable.Row::runId).toList();
        double[] times = {0.5, 1.5}; // frames 4 and 12 of 17 (25 steps of 0.005 apart)
        DynamicsOptions o = new DynamicsOptions("ka3d", List.of(1.2), ids, null, 0.3, 1, true, true, List.of(), 2, 10, 10,
                List.of(1.5, 0.5), "phop", 0.05);
        new DynamicsJob(o, warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);

        glassworks.md.dynamics.Isoconfigurational oracle = new glassworks.md.dynamics.Isoconfigurational(
                glassworks.md.dynamics.Isoconfigurational.Options.defaults(times)
                        .withEvent(glassworks.md.dynamics.Isoconfigurational.Event.PHOP, 0.05).withPHopWindow(2, true)
                        .withBonds(glassworks.md.dynamics.BondBreaking.Cutoffs.seed003(new double[][] {{1.0, 0.8},
                                {0.8, 0.88}})));
        for (String id : ids) {
            Trajectory.Builder b = Trajectory.builder();
            FramesFileReader.forEachFrame(warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 1.2, id)),
                    Warehouse.conf(), N, 3, 0, 16, f -> b.add(f));
            oracle.add(b.build());
        }
        glassworks.md.dynamics.Isoconfigurational.Result r = oracle.result();
        for (String label : new String[] {"propensity_msd", "p_r", "propensity_cb"}) {
            List<Row> got = spark.sql("SELECT particle, value, run_id, frame FROM labels WHERE label = '" + label
                    + "' AND span = 1.5 ORDER BY particle").collectAsList();
            double[] expected = switch (label) {
                case "propensity_msd" -> r.msd()[1];
                case "p_r" -> r.pr()[1];
                default -> r.cb()[1];
            };
            assertEquals(N, got.size(), label);
            for (Row row : got) {
                assertEquals(expected[row.getInt(0)], row.getDouble(1), 0.0, label + " of particle " + row.getInt(0));
                assertEquals(parent, row.getString(2));
                assertEquals(40, row.getInt(3));
            }
        }
        double meanPr = spark.sql("SELECT avg(value) FROM labels WHERE label = 'p_r' AND span = 1.5").first().getDouble(0);
        assertTrue(meanPr > 0 && meanPr < 1, "some but not all particles hop: " + meanPr);
        assertEquals(2L * N, spark.sql("SELECT count(*) FROM labels WHERE label = 'propensity_msd'").first().getLong(0));
        // the thermal run's own time scales at T = 1.2 are kept; the temperature average now comes from the replicas
        assertEquals(1L, spark.sql("SELECT count(*) FROM timescales WHERE T = 1.2 AND run_id = '" + parent + "' AND "
                + "quantity = 'tau_alpha' AND species = 'A'").first().getLong(0));
        assertTrue(spark.sql("SELECT count(*) FROM observables WHERE observable = 'chi4_pooled' AND T = 1.2")
                .first().getLong(0) > 0, "three replicas give a pooled chi4");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DynamicsJob(
                new DynamicsOptions("ka3d", List.of(2.0), List.of(), null, 0.3, 1, false, true, List.of(), 2, 10, 10,
                        List.of(1.5), "phop", null), warehouse).validate());
        assertTrue(e.getMessage().contains("glassworks iso"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DynamicsOptions("ka3d", List.of(), List.of(), null, 0.3,
                1, false, true, List.of(), 2, 10, 10, List.of(1.5), "displacement", null).validate());
        assertTrue(e.getMessage().contains("--pr-threshold"), e.getMessage());
    }

    @Test
    void pooledChi4AddsTheRunToRunVarianceOfQ() {
        // two runs of 10 particles, one lag: within-run chi4 0.5 and 1.5, mean Q 0.4 and 0.6 -> 1.0 + 10 * 0.01 = 1.1
        DynamicsJob.RunOut a = syntheticRun("r0", 0.4, 0.5);
        DynamicsJob.RunOut b = syntheticRun("r1", 0.6, 1.5);
        DynamicsJob.Averaged avg = DynamicsJob.temperatureAverage(List.of(a, b), 7.0);
        assertEquals(1, avg.pooledChi4().size());
        assertEquals(1.1, avg.pooledChi4().get(0).value(), 1e-12);
        assertEquals(40, avg.pooledChi4().get(0).origins());
        assertTrue(DynamicsJob.temperatureAverage(List.of(a), 7.0).pooledChi4().isEmpty(), "one run: its own chi4");
    }

    private static DynamicsJob.RunOut syntheticRun(String id, double q, double chi4) {
        DynamicsJob.RunInfo info = new DynamicsJob.RunInfo(1.0, id, 10, 3, 3, "linear:1", null, null);
        return new DynamicsJob.RunOut(info, new java.util.LinkedHashMap<>(), new java.util.LinkedHashMap<>(), List.of(),
                java.util.Arrays.asList("all"), new int[] {10}, new int[] {20}, new double[] {1.0}, new long[] {200},
                new double[][] {{0.5}}, new double[][] {{0.1}}, new double[][] {{q}}, new double[][] {{chi4}}, 3);
    }
}
