package glassworks.cli;

/** Lets tests in other packages see the message the CLI would print for a failure. */
public final class MainAccess {
    private MainAccess() {
    }

    public static String shown(Throwable t) {
        return Main.describe(Main.rootMessage(t));
    }
}
