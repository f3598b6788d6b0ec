/// Where each cell of an action's row is, by canonical column name: a dictionary's interface
/// over a short list kept in name order. A row has at most a dozen cells, found by a look along
/// the list; a dictionary of them took about twice the memory, and a large site holds tens of
/// thousands of rows until validation is done.
public struct CellLocations: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Sorted by name, so equal cells are stored alike whatever order they were added in.
    private var entries: [(name: String, location: SourceLocation)] = []

    /// No cells.
    public init() {}

    /// The cells given. Unlike a dictionary literal, which stops the program on a repeated key,
    /// a repeated name keeps its last location.
    public init(dictionaryLiteral elements: (String, SourceLocation)...) {
        for (name, location) in elements { self[name] = location }
    }

    /// The cell of the column `name`; setting nil removes it.
    public subscript(name: String) -> SourceLocation? {
        get { entries.first { $0.name == name }?.location }
        set {
            let position = entries.firstIndex { $0.name == name }
            switch (position, newValue) {
            case let (position?, location?): entries[position].location = location
            case let (position?, nil): entries.remove(at: position)
            case let (nil, location?):
                let place = entries.firstIndex { $0.name > name } ?? entries.endIndex
                entries.insert((name, location), at: place)
            case (nil, nil): break
            }
        }
    }

    /// The column names, sorted.
    public var keys: [String] { entries.map(\.name) }

    /// The locations, in the order of their names.
    public var values: [SourceLocation] { entries.map(\.location) }

    /// How many cells.
    public var count: Int { entries.count }

    /// Whether there are none.
    public var isEmpty: Bool { entries.isEmpty }

    /// The same cells at the same places (whatever order they were added in, as for a
    /// dictionary).
    public static func == (lhs: CellLocations, rhs: CellLocations) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.location == $1.location }
    }
}
