package glassworks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import glassworks.md.FrameSchedule;
import glassworks.md.RunConfig;
import glassworks.spark.StageSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

/**
 * The options that shape a run's protocol and output, shared by {@code simulate} and {@code iso} (a picocli mixin, so
 * both commands spell and document them identically): stages, frame schedule, output budget, what frames store, NPT.
 */
final class ProtocolOptions {
    @Option(names = "--stages", paramLabel = "YAML",
            description = "The protocol as a YAML/JSON list of stages {name, steps | time (tau) | rate (epsilon/k_B per "
                    + "tau, ramps), ensemble NVE|NVT|NPT (default NVT), T: number | \"T\" | [start, end] (\"T\" = the run's "
                    + "temperature; default \"T\"), save: true|false (default false)}, e.g. "
                    + "'[{name: melt, steps: 20000, T: 2.0}, {name: quench, rate: 0.001, T: [2.0, T]}, "
                    + "{name: production, steps: 10000, save: true}]'. In a campaign: a stages: list.")
    String stages;
    @Option(names = "--frame-interval", paramLabel = "STEPS",
            description = "Linear frame schedule: steps between saved frames (default 1000 unless --log-frames).")
    Integer frameInterval;
    @Option(names = "--log-frames", paramLabel = "PER_DECADE",
            description = "Logarithmic frame schedule: frames per decade of lag inside each block (with --log-block).")
    Integer logFrames;
    @Option(names = "--log-block", paramLabel = "STEPS",
            description = "Logarithmic frame schedule: steps per block; each block restarts the log spacing (a new time origin).")
    Long logBlock;
    @Option(names = "--max-frames", defaultValue = "" + RunConfig.DEFAULT_MAX_FRAMES,
            description = "Output budget: a run that would save more frames is refused before anything runs (default: ${DEFAULT-VALUE}).")
    long maxFrames;
    @Option(names = "--save-velocities", description = "Store velocities in frames.")
    boolean saveVelocities;
    @Option(names = "--save-energies", description = "Store per-particle potential energy in frames.")
    boolean saveEnergies;
    @Option(names = "--save-virial", description = "Store the per-particle virial tensor (virial_xx .. virial_yz) in frames.")
    boolean saveVirial;
    @Option(names = "--pressure", converter = Converters.FiniteDouble.class,
            description = "Target pressure of NPT stages in epsilon/sigma^dims (required with NPT, refused without).")
    Double pressure;
    @Option(names = "--barostat-tau", converter = Converters.FiniteDouble.class,
            description = "Barostat relaxation time of NPT stages in tau, e.g. 5.0 (required with NPT, refused without).")
    Double barostatTau;

    /** The --stages list, or null when not given. */
    List<StageSpec> stageSpecs() {
        if (stages == null) {
            return null;
        }
        Object parsed;
        try {
            parsed = new ObjectMapper(new YAMLFactory()).readValue(stages, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--stages is not a YAML list: " + e.getMessage().split("\n")[0]
                    + "; e.g. '[{name: production, steps: 10000, save: true}]'", e);
        }
        return StageSpec.parse(parsed);
    }

    /** Linear (--frame-interval, default 1000) or logarithmic (--log-frames with --log-block), never both. */
    FrameSchedule frames() {
        if (logFrames != null || logBlock != null) {
            if (frameInterval != null) {
                throw new IllegalArgumentException("--frame-interval and --log-frames/--log-block are two frame schedules; "
                        + "give one");
            }
            if (logFrames == null || logBlock == null) {
                throw new IllegalArgumentException("a logarithmic frame schedule needs both --log-frames PER_DECADE and "
                        + "--log-block STEPS, e.g. --log-frames 10 --log-block 100000");
            }
            return FrameSchedule.logarithmic(logFrames, logBlock);
        }
        return FrameSchedule.linear(frameInterval == null ? 1000 : frameInterval);
    }

    double pressureOrNaN() {
        return pressure == null ? Double.NaN : pressure;
    }

    double barostatTauOrNaN() {
        return barostatTau == null ? Double.NaN : barostatTau;
    }
}
