package glassworks.md;

/** Statistical ensemble of the production phase. Equilibration always runs NVT at the target temperature. */
public enum Ensemble {
    /** Plain velocity Verlet: energy conserved. */
    NVE,
    /** Velocity Verlet with a Nose-Hoover chain thermostat. */
    NVT
}
