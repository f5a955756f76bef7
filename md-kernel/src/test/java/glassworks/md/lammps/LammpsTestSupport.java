package glassworks.md.lammps;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need the LAMMPS binary: they FAIL when it is missing (the project's test command installs it
 * with bin/install-lammps, so a missing lmp is a broken setup, not a reason to skip) unless GLASSWORKS_SKIP_LAMMPS=1,
 * which skips them.
 */
final class LammpsTestSupport {
    static final String SKIP_ENV = "GLASSWORKS_SKIP_LAMMPS";

    private LammpsTestSupport() {
    }

    /** The LAMMPS installation, or a failure (skip with GLASSWORKS_SKIP_LAMMPS=1). */
    static Lammps requireLammps() {
        Assumptions.assumeFalse("1".equals(System.getenv(SKIP_ENV)), SKIP_ENV + "=1: LAMMPS tests skipped");
        try {
            return Lammps.locate();
        } catch (LammpsException.NotFound e) {
            return Assertions.fail("LAMMPS (lmp) is required by this test and was not found: run bin/install-lammps "
                    + "(or set " + SKIP_ENV + "=1 to skip the LAMMPS tests). " + e.getMessage());
        }
    }

    /** Also mpirun, for 2-rank runs. */
    static void requireMpirun() {
        if (Lammps.mpirun().isEmpty()) {
            Assertions.fail("mpirun is required by this test and was not found: run bin/install-lammps "
                    + "(or set " + SKIP_ENV + "=1 to skip the LAMMPS tests)");
        }
    }

    static double rel(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale == 0 ? 0 : Math.abs(a - b) / scale;
    }
}
