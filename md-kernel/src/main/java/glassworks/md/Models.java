package glassworks.md;

import java.util.List;

/** The named interaction-model presets a run can ask for. */
public final class Models {
    /** Kob-Andersen 80:20 binary Lennard-Jones mixture in 3D. */
    public static final String KA3D = "ka3d";

    private static final List<String> NAMES = List.of(KA3D);

    private Models() {
    }

    /** Valid preset names, in display order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The preset called {@code name}; an unknown name gets a message listing the valid ones. */
    public static PairModel byName(String name) {
        if (KA3D.equals(name)) {
            return kobAndersen3d();
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; valid models: " + String.join(", ", NAMES));
    }

    /**
     * Kob and Andersen, Phys. Rev. E 51, 4626 (1995): A:B = 80:20, equal masses, eps_AB = 1.5, sig_AB = 0.8,
     * eps_BB = 0.5, sig_BB = 0.88, cut at 2.5 sigma_ab and shifted to zero there (LAMMPS lj/cut 2.5 with pair_modify shift yes, as MdBenchmark.lammpsInput).
     */
    public static PairModel kobAndersen3d() {
        double[][] eps = {{1.0, 1.5}, {1.5, 0.5}};
        double[][] sig = {{1.0, 0.8}, {0.8, 0.88}};
        double[][] cut = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                cut[a][b] = 2.5 * sig[a][b];
            }
        }
        return new PairModel(KA3D, 3, List.of("A", "B"), new double[]{1.0, 1.0}, new double[]{0.8, 0.2}, eps, sig, cut,
                true);
    }
}
