package glassworks.md.stats;

/**
 * Hartigan's dip test of unimodality for one univariate sample, as R's {@code diptest::dip(x, full.result = TRUE)} plus
 * {@code dip.test(x)}.
 *
 * @param dip        the dip statistic D: the sup-norm distance between the sample's empirical CDF and the closest
 *                   unimodal CDF. 1/(2n) &le; D &le; 1/4; small for unimodal samples, close to 1/4 for two well
 *                   separated clusters of equal weight
 * @param pValue     P(D_uniform &ge; D): the probability that a uniform sample of the same size has a dip at least as
 *                   large (the uniform is the least favourable unimodal null). Small means significantly multimodal
 * @param n          number of finite values used (NaN dropped)
 * @param modalLower lower end x_L of the modal interval found by the algorithm (R's {@code xl})
 * @param modalUpper upper end x_U of the modal interval (R's {@code xu})
 * @param method     how {@code pValue} was obtained
 * @param draws      Monte Carlo draws behind {@code pValue} ({@link PValueMethod#SIMULATED}); 0 otherwise
 */
public record DipResult(double dip, double pValue, int n, double modalLower, double modalUpper, PValueMethod method,
                        int draws) {

    /** How the p-value was obtained. */
    public enum PValueMethod {
        /** n &le; 3: any sample that small is as unimodal as a uniform one; p = 1 as in R. */
        TRIVIAL,
        /** Interpolation in the tabulated quantiles of the dip of uniform samples ({@code qDiptab}), as R's
         *  {@code dip.test(x)}; resolution set by the table's probabilities (finest 10^-5 near p = 0). */
        TABLE,
        /** Fraction of {@code draws} uniform samples of the same n whose dip is &ge; D, as R's
         *  {@code dip.test(x, simulate.p.value = TRUE, B = draws)}; resolution 1/draws, and 0 is possible. */
        SIMULATED
    }

    /**
     * 1 − p: the number seed paper 002 reports as "between 0 (unimodal) and 1 (multimodal)" for the dip test of the PC
     * marginals (close to 1 = significantly multimodal).
     */
    public double oneMinusP() {
        return 1 - pValue;
    }
}
