package glassworks.spark;

/** Build and schema versions, printed by {@code glassworks --version} and stored with every run. */
public final class Version {
    private Version() {
    }

    /** Glassworks version from the jar manifest (Maven project version), or "dev" when run from classes. */
    public static final String VERSION = version();

    private static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
