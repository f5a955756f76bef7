package glassworks.md;

import glassworks.schema.tables.ThermoTable;

import java.io.IOException;

/** Where a run streams what it saves. Called from the run's own thread, in time order. */
public interface TrajectorySink {
    /** A saved production frame. The view is only valid during the call (its arrays are reused). */
    void frame(FrameView frame) throws IOException;

    /** A thermo row, equilibration and production alike. */
    void thermo(ThermoTable.Row row) throws IOException;

    /**
     * Checkpoint {@code sequence} (1, 2, ...) is about to be committed: once this returns, everything streamed so far
     * must survive a crash, because a resumed run will not stream it again. Called only by checkpointed runs
     * ({@link MdRun#run(RunConfig, TrajectorySink, Checkpointing)}). The default keeps nothing durable, which suits
     * in-memory sinks.
     */
    default void checkpoint(int sequence) throws IOException {
    }

    /**
     * A checkpointed run starts after checkpoint {@code sequence} (0: from scratch): whatever was streamed after that
     * checkpoint by an earlier, killed attempt must be discarded, since it is streamed again. Called once, before
     * anything else, by checkpointed runs only.
     */
    default void resume(int sequence) throws IOException {
    }
}
