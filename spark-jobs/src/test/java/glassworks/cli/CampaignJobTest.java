package glassworks.cli;

import glassworks.spark.SparkExtension;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign with a declared model, stage templates ("T" in a ramp), a log frame schedule and --save-virial, executed on
 * the shared Spark session: what reaches the runs and frames tables.
 */
@ExtendWith(SparkExtension.class)
class CampaignJobTest {

    @Test
    void declaredModelStagesAndLogFramesReachTheRunsTable(SparkSession spark, @TempDir Path tmp) throws Exception {
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, """
                models:
                  ka-trunc: {preset: ka3d, cutoff: {uniform: 2.5}, cutoff_mode: truncated}
                simulate:
                  model: ka-trunc
                  particles: 256
                  temperatures: [1.0, 0.8]
                  seed: 5
                  stages:
                    - {name: melt, steps: 100, T: 2.0}
                    - {name: quench, rate: 2.0, T: [2.0, T]}
                    - {name: production, steps: 100, save: true}
                  log_frames: 2
                  log_block: 50
                  thermo_interval: 50
                  save_virial: true
                """);
        Main main = new Main();
        main.warehouse = tmp.resolve("wh").toString();
        RunCommand.Campaign campaign = RunCommand.parse(c.toFile(), main);
        Warehouse w = new Warehouse(campaign.warehouse);
        RunCommand.validate(campaign, w);
        for (RunCommand.Stage s : campaign.stages) {
            s.command().execute(spark, w, new PrintStream(new ByteArrayOutputStream()));
        }
        w.registerViews(spark);
        List<Row> runs = spark.sql("SELECT T, model, model_spec, protocol, frame_schedule, frame_interval, total_steps, "
                + "saved_steps, ensemble, pressure, density, n_frames FROM runs ORDER BY T").collectAsList();
        assertEquals(2, runs.size());
        Row r08 = runs.get(0);
        assertEquals(0.8, r08.getDouble(0));
        assertEquals("ka-trunc", r08.getString(1));
        assertTrue(r08.getString(2).startsWith("dims=3; cutoff=truncated; density=1.2;")
                && r08.getString(2).contains("AB: eps=1.5 sig=0.8 rc=2.5"), r08.getString(2));
        // quench 2.0 -> 0.8 at rate 2 per tau with dt 0.005: 1.2 / 2 / 0.005 = 120 steps
        assertEquals("melt NVT 2 x100; quench NVT 2->0.8 x120; production NVT 0.8 x100 save", r08.getString(3));
        assertEquals("log 2/decade block 50", r08.getString(4));
        assertTrue(r08.isNullAt(5), "frame_interval is null for a log schedule");
        assertEquals(320L, r08.getLong(6));
        assertEquals(100L, r08.getLong(7));
        assertEquals("NVT", r08.getString(8));
        assertTrue(r08.isNullAt(9), "pressure is null without NPT");
        assertEquals(1.2, r08.getDouble(10), 1e-12, "density defaults to the model's");
        // per block of 50: offsets 0, 1, 3, 10, 32 -> blocks [0,50) and [50,100) and step 100: 5 + 5 + 1
        assertEquals(11, r08.getInt(11));
        assertEquals("melt NVT 2 x100; quench NVT 2->1 x100; production NVT 1 x100 save", runs.get(1).getString(3));

        Row steps = spark.sql("SELECT collect_list(step) FROM (SELECT DISTINCT step FROM frames WHERE T = 0.8 ORDER BY step)")
                .first();
        assertEquals(List.of(0L, 1L, 3L, 10L, 32L, 50L, 51L, 53L, 60L, 82L, 100L), steps.getList(0));

        // virial columns: present; filled by the kernel when it saves them, then their trace sum is finite
        Row v = spark.sql("SELECT count(virial_xx), count(*), sum(virial_xx + virial_yy + virial_zz), count(virial_yz) "
                + "FROM frames").first();
        if (v.getLong(0) > 0) {
            assertEquals(v.getLong(1), v.getLong(0), "every row has the virial when the run saved it");
            assertEquals(v.getLong(1), v.getLong(3));
            assertTrue(Double.isFinite(v.getDouble(2)), "trace sum finite");
        } else {
            assertNull(v.get(2)); // the kernel does not fill FrameView.virial yet: the plumbing is tested directly
        }
    }
}
