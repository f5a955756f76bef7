package glassworks.schema;

/** A generated row record: its data-column values by position, in file order. Serializable so Spark tasks can return rows. */
public interface TableRow extends java.io.Serializable {
    /** Value of the i-th data column, boxed; null for an absent nullable value. */
    Object value(int i);
}
