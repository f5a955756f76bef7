/**
 * Least-squares fits of dynamics across temperatures (Arrhenius, Vogel–Fulcher–Tammann, mode-coupling power law), of
 * domain growth in time (L = A t^n), and straight lines (any column against x or against 1/T, e.g. an energy barrier from
 * ln P_R(S, T)). Pure Java on Apache Commons Math's {@code LevenbergMarquardtOptimizer}; no Spark.
 *
 * <p><b>Entry point.</b> {@link glassworks.md.fit.Fits} (one static method per fit) returns a
 * {@link glassworks.md.fit.FitResult}: values, standard errors, covariance, chi^2, degrees of freedom, reduced chi^2, R^2,
 * the number of points, whether the optimiser converged and the fit range. A custom {@link glassworks.md.fit.Model} can be
 * fitted with {@link glassworks.md.fit.LeastSquaresFit}.
 *
 * <p><b>Log space.</b> Relaxation times, diffusion constants and lengths are fitted as logarithms (ln tau, ln D, ln L):
 * their noise is multiplicative (a relative error), which is additive and roughly homoscedastic in the logarithm, and the
 * data span decades, which a fit in linear space would weight by their largest values only. Per-point uncertainties for
 * these fits are therefore the standard deviations of ln tau (= the relative errors of tau). Prefactors are fitted as
 * logarithms too (parameter {@code ln_tau0}, {@code ln_A}); {@link glassworks.md.fit.FitResult#expEstimate(String)} turns
 * one into the prefactor with a first-order error.
 *
 * <p><b>Error bars.</b> Without per-point uncertainties the standard errors are the square roots of the diagonal of
 * s^2 (J^T J)^-1 with s^2 = chi^2 / dof (the residual variance estimated from the scatter about the fit, as
 * {@code scipy.optimize.curve_fit} with {@code absolute_sigma=False}); with per-point sigmas they come from the unscaled
 * (J^T W J)^-1, W = diag(1 / sigma^2), so they trust the sigmas (and the reduced chi^2 tells whether the sigmas are
 * right: about 1 when they are).
 *
 * <p><b>Refusals.</b> Degenerate input throws {@link glassworks.md.fit.FitRefusedException} (an
 * {@code IllegalArgumentException}) whose message names the problem and the fix: fewer points than parameters + 1, NaN,
 * infinite or non-positive tau / D / L / T / t, only one distinct x, T &le; T0 (VFT) or T &le; T_c (MCT) for the initial
 * guess or at the optimum. An optimiser that stops without converging is not an exception: the result has
 * {@code converged() == false}, the best parameters found, and the reason in {@code message()}.
 */
package glassworks.md.fit;
