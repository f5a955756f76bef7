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
    }

    @Test
    @Order(4)
    void perParticleLabelsEqualTheKernel(SparkSession spark) throws IOException {
        DynamicsOptions o = new DynamicsOptions("ka3d", List.of(2.0), List.of(), null, 0.3, 1, false, true,
                List.of("p_hop", "csd"), 5, 10);
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
}
