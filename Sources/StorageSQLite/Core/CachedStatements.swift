import GRDB

// Statements of fixed SQL text are prepared once per connection and reused (GRDB's statement
// cache): preparing is most of the cost of a small query. Only SQL without interpolated values
// may use these — the cache keeps one statement per distinct text.

extension Database {
    /// Executes fixed SQL through the connection's statement cache.
    func execute(cached sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Database {
    /// The first row of fixed SQL, decoded by `decode` where it lies (through the statement
    /// cache): no copy of the row, and columns found by name through a table rather than by
    /// comparing every name, which matters for the rows read in every booking.
    func fetchOne<T>(cached sql: String, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        return try decode(row)
    }
}

extension Row {
    /// The first row of fixed SQL, through the statement cache.
    static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row of fixed SQL, through the statement cache.
    static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    /// The first value of fixed SQL, through the statement cache.
    static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every value of fixed SQL, through the statement cache.
    static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
