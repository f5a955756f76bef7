package glassworks.md;

/** Runs one molecular-dynamics simulation from a {@link RunConfig}, streaming frames and thermo rows to a sink. */
public final class MdRun {
    private MdRun() {
    }

    /** Runs the whole protocol (start configuration, NVT equilibration, production) and returns its summary. */
    public static RunSummary run(RunConfig config, TrajectorySink sink) throws java.io.IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
