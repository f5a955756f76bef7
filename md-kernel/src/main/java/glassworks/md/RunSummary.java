package glassworks.md;

/**
 * What a finished run reports back (the rest of its runs-table row comes from its {@link RunConfig}).
 *
 * @param dims          2 or 3
 * @param boxX          box edge x [sigma]
 * @param boxY          box edge y [sigma]
 * @param boxZ          box edge z [sigma] (0 in 2D)
 * @param composition   particles per species in model order, e.g. "A:800,B:200"
 * @param start         how the initial configuration was made, e.g. "fcc-lattice+FIRE"
 * @param framesWritten production frames passed to the sink
 * @param wallSeconds   wall-clock seconds of the whole run
 */
public record RunSummary(int dims, double boxX, double boxY, double boxZ, String composition, String start,
                         int framesWritten, double wallSeconds) {
}
