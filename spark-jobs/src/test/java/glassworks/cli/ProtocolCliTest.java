package glassworks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static glassworks.cli.CliTest.assertRefused;
import static glassworks.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol options (stages, frame schedules, budget, NPT, declared models, iso) are checked before Spark starts. */
class ProtocolCliTest {

    @Test
    void frameBudgetScheduleAndNptOptionsAreRefusedWithTheFix(@TempDir Path tmp) {
        Path wh = tmp.resolve("wh");
        assertRefused(wh, "output budget max_frames = 1000", "simulate", "-T", "1.0", "--production-steps", "100000",
                "--frame-interval", "10", "--max-frames", "1000");
        assertRefused(wh, "two frame schedules", "simulate", "-T", "1.0", "--frame-interval", "10", "--log-frames", "10",
                "--log-block", "1000");
        assertRefused(wh, "needs both --log-frames", "simulate", "-T", "1.0", "--log-frames", "10");
        assertRefused(wh, "--pressure", "simulate", "-T", "1.0", "--stages",
                "[{name: p, steps: 100, ensemble: NPT, save: true}]");
        assertRefused(wh, "apply to NPT stages only", "simulate", "-T", "1.0", "--pressure", "0");
        assertRefused(wh, "stages replace --equilibration-steps", "simulate", "-T", "1.0", "--equilibration-steps", "5",
                "--stages", "[{name: p, steps: 100, save: true}]");
        assertRefused(wh, "unknown key 'temp'", "simulate", "-T", "1.0", "--stages", "[{name: p, steps: 100, temp: 2}]");
        assertRefused(wh, "rate needs a ramp", "simulate", "-T", "1.0", "--stages", "[{name: p, rate: 0.1, save: true}]");
        assertRefused(wh, "no stage has save: true", "simulate", "-T", "1.0", "--stages", "[{name: p, steps: 100}]");
    }

    @Test
    void isoRefusesAnUnknownParentBeforeSpark(@TempDir Path tmp) {
        Path wh = tmp.resolve("wh");
        assertRefused(wh, "no run 'ka3d-T1-r0-s1'", "iso", "--run", "ka3d-T1-r0-s1", "--frame", "0");
        assertRefused(wh, "--replicas must be at least 1", "iso", "--run", "x", "--frame", "0", "--replicas", "0");
    }

    @Test
    void campaignWithDeclaredModelsStagesTemplatesRampsAndLogFramesPassesTheDryRun(@TempDir Path tmp) throws Exception {
        Path wh = tmp.resolve("wh");
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, """
                models:
                  ka-rc25: {preset: ka3d, cutoff: {uniform: 2.5}, cutoff_mode: truncated}
                simulate:
                  model: ka-rc25
                  particles: 500
                  temperatures: [0.8, 0.6]
                  stages:
                    - {name: melt, steps: 1000, T: 2.0}
                    - {name: quench, rate: 0.01, T: [2.0, T]}
                    - {name: production, time: 10, save: true}
                  log_frames: 10
                  log_block: 1000
                  save_virial: true
                """);
        CliTest.Outcome o = run("--warehouse", wh.toString(), "run", "--dry-run", c.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("checked, nothing run"), o.out());
        assertFalse(Files.exists(wh));

        // the stage's model must exist, and the same refusal names the campaign's declarations
        Files.writeString(c, "models:\n  mine: {preset: ka3d, density: 1.1}\nsimulate:\n  model: yours\n  temperatures: [1.0]\n");
        assertRefused(wh, "declared in this campaign: mine", "run", c.toString());
        Files.writeString(c, "models:\n  ka3d: {preset: ka3d}\nsimulate:\n  temperatures: [1.0]\n");
        assertRefused(wh, "is a preset name", "run", c.toString());
        // budget refusal in a campaign: exit 2, before Spark
        Files.writeString(c, "simulate:\n  temperatures: [1.0]\n  production_steps: 1000000\n  frame_interval: 1\n");
        assertRefused(wh, "more than the output budget", "run", c.toString());
        // iso of a run the campaign's simulate stage will write: frame beyond the planned schedule refused
        Files.writeString(c, "simulate:\n  temperatures: [1.0]\n  production_steps: 2000\n  frame_interval: 1000\n"
                + "iso:\n  run: ka3d-T1-r0-s1\n  frame: 3\n  replicas: 4\n");
        assertRefused(wh, "has 3 frame(s) (0..2); --frame 3", "run", c.toString());
    }

    /** Every example campaign passes the CLI's full validation, as `glassworks run --dry-run` would run it. */
    @Test
    void everyExampleCampaignValidates(@TempDir Path tmp) throws Exception {
        Path examples = Path.of("..", "examples");
        if (!Files.isDirectory(examples)) {
            examples = Path.of("examples");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(examples)) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 7, "examples found: " + files);
        for (Path f : files) {
            Path wh = tmp.resolve("wh-" + f.getFileName());
            CliTest.Outcome o = run("--warehouse", wh.toString(), "run", "--dry-run", new File(f.toString()).getPath());
            assertEquals(0, o.code(), f + ": " + o.err());
            assertFalse(Files.exists(wh), f + " wrote into the warehouse");
        }
    }
}
