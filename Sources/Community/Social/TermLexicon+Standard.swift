extension TermLexicon {
    /// The built-in English and Spanish public-safety terms, written as people post them;
    /// accents are optional in posts because matching folds them.
    ///
    /// - Note: Everyday words that are mostly not about danger are left out on purpose
    ///   ("smoking", "accident", "shot", "blast"); the baseline absorbs the rest of the chatter
    ///   ("this song is fire"). Cities replace or extend this with ``init(json:)``.
    public static let standardTerms: [String: [String]] = [
        "fire": [
            "fire", "fires", "on fire", "blaze", "flames", "burning building", "wildfire", "house fire",
            "incendio", "incendios", "fuego", "llamas", "en llamas", "se quema", "se está quemando", "arde",
        ],
        "smoke": [
            "smoke", "smoky", "black smoke", "smell of smoke", "smells like smoke",
            "humo", "humareda", "olor a humo", "huele a humo",
        ],
        "shooting": [
            "shots", "shots fired", "gunshot", "gunshots", "gunfire", "shooting", "shooter",
            "disparo", "disparos", "tiroteo", "balacera", "balazos", "tiros",
        ],
        "flood": [
            "flood", "floods", "flooding", "flooded", "flash flood", "water rising",
            "inundación", "inundaciones", "inundad*", "riada", "desbordamiento",
        ],
        "fight": [
            "fight", "fighting", "brawl", "stabbing", "stabbed", "mass brawl",
            "pelea", "peleas", "peleando", "riña", "reyerta", "apuñalado", "apuñalamiento",
        ],
        "crash": [
            "crash", "car crash", "collision", "collided", "pileup", "pile up", "hit and run", "traffic accident",
            "choque", "choques", "chocaron", "colisión", "accidente de tráfico", "accidente de tránsito", "atropello", "atropellado",
        ],
        "explosion": [
            "explosion", "explosions", "exploded", "loud bang",
            "explosión", "explosiones", "explotó", "estallido", "estalló",
        ],
        "gas": [
            "gas leak", "gas smell", "smell of gas", "smells like gas", "smell gas",
            "fuga de gas", "olor a gas", "huele a gas", "escape de gas",
        ],
    ]

    /// The lexicon of ``standardTerms``.
    public static var standard: TermLexicon {
        // The built-in terms are checked by the tests, so this cannot fail.
        try! TermLexicon(terms: standardTerms)
    }
}
