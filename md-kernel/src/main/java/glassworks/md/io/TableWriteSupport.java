package glassworks.md.io;

import glassworks.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Base of the table writers: the schema file's message type and the format-version footer, for any record shape. */
abstract class TableWriteSupport<T> extends WriteSupport<T> {
    protected final TableSchema table;
    protected final MessageType type;
    protected RecordConsumer out;

    TableWriteSupport(TableSchema table) {
        this.table = table;
        this.type = ParquetTables.messageType(table);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(type, ParquetTables.footer(table));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    protected final void putDouble(String field, int index, double v) {
        out.startField(field, index);
        out.addDouble(v);
        out.endField(field, index);
    }

    protected final void putInt(String field, int index, int v) {
        out.startField(field, index);
        out.addInteger(v);
        out.endField(field, index);
    }

    protected final void putLong(String field, int index, long v) {
        out.startField(field, index);
        out.addLong(v);
        out.endField(field, index);
    }
}
