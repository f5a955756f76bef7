package glassworks.md;

import glassworks.schema.tables.ThermoTable;

import java.io.IOException;

/** Where a run streams what it saves. Called from the run's own thread, in time order. */
public interface TrajectorySink {
    /** A saved production frame. The view is only valid during the call (its arrays are reused). */
    void frame(FrameView frame) throws IOException;

    /** A thermo row, equilibration and production alike. */
    void thermo(ThermoTable.Row row) throws IOException;
}
