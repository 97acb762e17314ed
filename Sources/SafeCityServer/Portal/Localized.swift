/// One piece of portal text in every portal language, written side by side so none is forgotten.
struct Localized: Sendable, Hashable {
    var english: String
    var spanish: String

    init(_ english: String, _ spanish: String) {
        self.english = english
        self.spanish = spanish
    }

    /// The text in `language`.
    subscript(_ language: PortalLanguage) -> String {
        switch language {
        case .english: english
        case .spanish: spanish
        }
    }
}
