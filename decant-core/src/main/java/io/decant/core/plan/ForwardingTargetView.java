package io.decant.core.plan;

import io.decant.core.schema.Column;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.transform.Conversion;
import io.decant.core.type.LogicalType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A view that answers as another one does, for a view that changes one answer (decant on Spark: the target as the
 * driver saw it, without the tables it created since). Every method of {@link TargetView} is forwarded here, in one
 * place: a view that forgot one would plan differently from the view it stands for.
 */
public class ForwardingTargetView implements TargetView {
    private final TargetView delegate;

    public ForwardingTargetView(TargetView delegate) {
        this.delegate = delegate;
    }

    @Override
    public String displayUrl() {
        return delegate.displayUrl();
    }

    @Override
    public List<Table> tables() {
        return delegate.tables();
    }

    @Override
    public TableId resolve(String name) {
        return delegate.resolve(name);
    }

    @Override
    public TableId resolve(String sourceSchema, String name) {
        return delegate.resolve(sourceSchema, name);
    }

    @Override
    public String nativeType(LogicalType type) {
        return delegate.nativeType(type);
    }

    @Override
    public String nativeColumnType(String nativeType) {
        return delegate.nativeColumnType(nativeType);
    }

    @Override
    public boolean buildsIndexDefinition(String definition) {
        return delegate.buildsIndexDefinition(definition);
    }

    @Override
    public boolean keepsDeclaredType(String nativeType) {
        return delegate.keepsDeclaredType(nativeType);
    }

    @Override
    public String shownDeclaredType(String nativeType) {
        return delegate.shownDeclaredType(nativeType);
    }

    @Override
    public String ownTypeNotKept(String nativeType, String ownType) {
        return delegate.ownTypeNotKept(nativeType, ownType);
    }

    @Override
    public String missingType(String createdType) {
        return delegate.missingType(createdType);
    }

    @Override
    public String missingCollation(String collation) {
        return delegate.missingCollation(collation);
    }

    @Override
    public String uncomputable(Table table, Column column) {
        return delegate.uncomputable(table, column);
    }

    @Override
    public Set<String> mustBeFed(Table table) {
        return delegate.mustBeFed(table);
    }

    @Override
    public boolean keepsDeferral() {
        return delegate.keepsDeferral();
    }

    @Override
    public boolean keepsForeignKeyDeferral() {
        return delegate.keepsForeignKeyDeferral();
    }

    @Override
    public boolean keepsForeignKeyAction(String action) {
        return delegate.keepsForeignKeyAction(action);
    }

    @Override
    public boolean keepsNullsNotDistinct() {
        return delegate.keepsNullsNotDistinct();
    }

    @Override
    public boolean createsCollations() {
        return delegate.createsCollations();
    }

    @Override
    public String createdCollation(String sourceCollation) {
        return delegate.createdCollation(sourceCollation);
    }

    @Override
    public String shownCollation(String collation) {
        return delegate.shownCollation(collation);
    }

    @Override
    public LogicalType storedType(LogicalType type) {
        return delegate.storedType(type);
    }

    @Override
    public Conversion writeCheck(LogicalType type, String nativeType) {
        return delegate.writeCheck(type, nativeType);
    }

    @Override
    public int keyTextLength() {
        return delegate.keyTextLength();
    }

    @Override
    public int maxKeyTextLength() {
        return delegate.maxKeyTextLength();
    }

    @Override
    public int maxKeyBytes() {
        return delegate.maxKeyBytes();
    }

    @Override
    public boolean joinsAnyTypes() {
        return delegate.joinsAnyTypes();
    }

    @Override
    public int maxColumns() {
        return delegate.maxColumns();
    }

    @Override
    public int maxIdentifierLength() {
        return delegate.maxIdentifierLength();
    }

    @Override
    public int identifierLength(String name) {
        return delegate.identifierLength(name);
    }

    @Override
    public Map<String, String> unwritable(Table table, List<Column> columns) {
        return delegate.unwritable(table, columns);
    }

    @Override
    public boolean tableNamesIgnoreCase() {
        return delegate.tableNamesIgnoreCase();
    }

    @Override
    public boolean columnNamesIgnoreCase() {
        return delegate.columnNamesIgnoreCase();
    }
}
