package glassworks.schema;

/** A generated row record: its data-column values by position, in file order. */
public interface TableRow {
    /** Value of the i-th data column, boxed; null for an absent nullable value. */
    Object value(int i);
}
