/**
 * Meso-states of a supercooled liquid by seed 000's co-learning between real space and PC space (Nguyen and Song):
 * per-particle structural features (e.g. weighted coordination numbers) reduced by PCA and clustered by K-means give
 * initial state labels; {@link glassworks.md.meso.CoLearning} then alternates a real-space step (the labels' periodic
 * domains, {@link glassworks.md.meso.PeriodicDomains}, become a Gaussian mixture in space,
 * {@link glassworks.md.meso.DomainGaussians}) and a PC-space step (a full-covariance Gaussian mixture fitted by EM,
 * {@link glassworks.md.meso.GaussianMixtureEm}) until the labels stop changing. {@link glassworks.md.meso.PressureProfile}
 * gives the density and normal / tangential pressure profiles about a domain centre and checks mechanical equilibrium
 * (section III.A). The equal-time correlation C(r) of the labels and domain lengths are in
 * {@link glassworks.md.dynamics.DomainCorrelation}. Over a window of classified frames of one run:
 * {@link glassworks.md.meso.CoreParticles} (particles that never change state), {@link glassworks.md.meso.SubsetDiffusion}
 * (MSD and Einstein D of any particle subset, e.g. a state's or a domain's core particles, section III.B) and
 * {@link glassworks.md.meso.DomainTracks} (domains followed across frames by particle overlap, for their population
 * fluctuations, section III.C).
 *
 * <p>Plain Java, one frame (or one run's window) per call, deterministic, no Spark: a Spark job calls these inside its
 * tasks after MLlib's PCA and K-means. Lengths in sigma, energies in epsilon, k_B = 1; 2D when the box has lz = 0.
 */
package glassworks.md.meso;
