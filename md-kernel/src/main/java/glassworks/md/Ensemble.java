package glassworks.md;

/** Statistical ensemble of the production phase. Equilibration always runs NVT at the target temperature. */
public enum Ensemble {
    /** Plain velocity Verlet: energy conserved. */
    NVE,
    /** Velocity Verlet with a Nose-Hoover chain thermostat. */
    NVT,
    /** Nose-Hoover chain thermostat and an isotropic Martyna-Tobias-Klein barostat at the run's pressure. */
    NPT
}
