/**
 * Statistics kernels for the analyses of seed paper 002 (PCA maps of structural descriptors), in plain Java on Apache
 * Commons Math; no Spark. Each entry point is a static method returning an immutable record.
 *
 * <ul>
 *   <li>{@link glassworks.md.stats.DipTest}: Hartigan's dip test of unimodality of a 1D marginal p(X_j) (statistic by
 *       algorithm AS 217 as in R's {@code diptest}; p-value from R's table of uniform-null quantiles, or Monte Carlo),
 *       returning a {@link glassworks.md.stats.DipResult}. The paper's "value between 0 (unimodal) and 1 (multimodal)"
 *       is {@link glassworks.md.stats.DipResult#oneMinusP()}.</li>
 *   <li>{@link glassworks.md.stats.Correlation}: Pearson's r with t-test p-value and Fisher-z interval
 *       ({@link glassworks.md.stats.PearsonResult}), Spearman's rho ({@link glassworks.md.stats.SpearmanResult}), for a
 *       PC against z, u or the propensity, NaN pairs dropped and counted.</li>
 *   <li>{@link glassworks.md.stats.Histogram1D} and {@link glassworks.md.stats.Histogram2D} on a
 *       {@link glassworks.md.stats.BinAxis}: counts and normalised densities of a marginal and of the map
 *       p(X_1, X_2), with bin centres; bounds given or from data quantiles.</li>
 * </ul>
 *
 * <p>Multiple linear regression (propensity on PCs or on the full descriptor: coefficients, R^2, adjusted R^2) is
 * Commons Math's {@code OLSMultipleLinearRegression}; the Pearson R of prediction against truth is
 * {@link glassworks.md.stats.Correlation#pearson(double[], double[])} of its predictions (for in-sample OLS with an
 * intercept it equals sqrt(R^2), the paper's measure).
 */
package glassworks.md.stats;
