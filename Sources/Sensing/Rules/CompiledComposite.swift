/// A composite rule resolved to the compiled rules it combines.
struct CompiledComposite: Sendable {
    var ruleIndex: Int
    var id: String
    var a: Int
    var b: Int
    var withinMs: Int64
    var radiusMetres: Double
}
