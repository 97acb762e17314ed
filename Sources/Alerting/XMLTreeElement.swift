/// One element of a parsed XML document: its namespace, local name, text and children.
public struct XMLTreeElement: Sendable, Equatable {
    public var namespace: String
    public var name: String
    /// The element's own character data, untrimmed.
    public var text: String
    public var children: [XMLTreeElement]

    public init(namespace: String, name: String, text: String = "", children: [XMLTreeElement] = []) {
        self.namespace = namespace
        self.name = name
        self.text = text
        self.children = children
    }
}
