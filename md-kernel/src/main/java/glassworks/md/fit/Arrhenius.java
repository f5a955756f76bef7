package glassworks.md.fit;

import java.util.List;

/**
 * Arrhenius law tau = tau0 exp(E / T), fitted in log space: ln tau = ln_tau0 + E / T. The same straight line in 1/T as
 * {@link InverseTemperatureLinear} (one implementation), named for time scales: parameters ln_tau0 and E, response ln tau.
 */
public final class Arrhenius {
    public static final InverseTemperatureLinear INSTANCE =
            new InverseTemperatureLinear("arrhenius", List.of("ln_tau0", "E"), "ln tau", true);

    private Arrhenius() {
    }
}
