/// Walks an element's children in the schema's fixed order, naming the first that is missing or out of place.
struct ElementCursor {
    private let children: [XMLTreeElement]
    private var index = 0
    /// The path of the parent element, e.g. `alert.info[0]`.
    let path: String

    init(_ element: XMLTreeElement, path: String) {
        self.children = element.children
        self.path = path
    }

    /// The next child if it has this name.
    mutating func optional(_ name: String) -> XMLTreeElement? {
        guard index < children.count, children[index].name == name, children[index].namespace == CAPWriter.namespace else { return nil }
        index += 1
        return children[index - 1]
    }

    /// The next child, which must have this name.
    mutating func required(_ name: String) throws(CAPParseError) -> XMLTreeElement {
        if let element = optional(name) { return element }
        let found = index < children.count ? "; found <\(children[index].name)> in its place" : ""
        throw CAPParseError(field: "\(path).\(name)", reason: "is required\(found)")
    }

    /// All consecutive children with this name.
    mutating func many(_ name: String) -> [XMLTreeElement] {
        var result: [XMLTreeElement] = []
        while let element = optional(name) { result.append(element) }
        return result
    }

    /// Skips trailing children of another namespace (the schema's `any` slot, e.g. a signature).
    mutating func skipForeign() {
        while index < children.count, children[index].namespace != CAPWriter.namespace { index += 1 }
    }

    /// Throws when a child was left over: unknown or out of the schema's order.
    func finish() throws(CAPParseError) {
        guard index < children.count else { return }
        throw CAPParseError(field: "\(path).\(children[index].name)",
                            reason: "is not expected here (unknown element, or out of the order CAP 1.2 fixes)")
    }
}
