extension PreparednessModule {
    /// Flood: turn around, don't drown; high ground; dangers after the water.
    static let flood = PreparednessModule(
        id: "flood",
        title: Localized("Flood", "Inundación"),
        summary: Localized(
            "Why you should never cross flood water, and where to go when water rises.",
            "Por qué nunca debe cruzar agua de inundación y adónde ir cuando sube el agua."),
        lesson: [
            Localized(
                "Turn around, don't drown. Never walk, swim or drive through flood water: 15 cm (6 inches) of moving water can knock you down, and 30 cm (1 foot) can sweep a car away.",
                "Dé la vuelta, no se ahogue. Nunca camine, nade ni maneje por agua de inundación: 15 cm (6 pulgadas) de agua en movimiento pueden derribarle, y 30 cm (1 pie) pueden arrastrar un carro."),
            Localized(
                "Move to higher ground at once. If officials tell you to leave, leave.",
                "Suba a un terreno más alto de inmediato. Si las autoridades le piden que evacúe, hágalo."),
            Localized(
                "If water traps you in a building, go to the highest floor. Do not climb into a closed attic, where rising water can trap you; go onto the roof only if you must, and signal for help.",
                "Si el agua le atrapa en un edificio, suba al piso más alto. No se meta en un ático cerrado, donde el agua puede atraparle; suba al techo solo si es necesario y pida ayuda con señales."),
            Localized(
                "Stay away from fallen power lines and from water near them.",
                "Aléjese de los cables eléctricos caídos y del agua cercana a ellos."),
            Localized(
                "After a flood, stay out of the water: it can hold sewage, chemicals and debris. Drink tap water only once officials say it is safe.",
                "Después de una inundación, no entre al agua: puede contener aguas negras, químicos y escombros. Beba agua de la llave solo cuando las autoridades digan que es segura."),
        ],
        source: Localized(
            "Based on Ready.gov and the U.S. National Weather Service's “Turn Around Don't Drown” campaign.",
            "Basado en Ready.gov y en la campaña «Dé la vuelta, no se ahogue» del Servicio Meteorológico Nacional de EE. UU."),
        questions: [
            Question(
                prompt: Localized(
                    "The road ahead is covered by moving water. You cannot tell how deep it is. What do you do?",
                    "La calle está cubierta por agua en movimiento. No sabe qué tan profunda es. ¿Qué hace?"),
                options: [
                    Localized("Drive through slowly", "Cruzar despacio con el carro"),
                    Localized("Turn around and find another way", "Dar la vuelta y buscar otro camino"),
                    Localized("Get out and walk across", "Bajarse y cruzar caminando"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "A road under water may be washed away, and 30 cm of moving water can float a car.",
                    "Una calle bajo el agua puede estar destruida, y 30 cm de agua en movimiento pueden hacer flotar un carro.")),
            Question(
                prompt: Localized(
                    "How much moving water can knock an adult off their feet?",
                    "¿Cuánta agua en movimiento puede derribar a un adulto?"),
                options: [
                    Localized("About 15 cm (6 inches)", "Unos 15 cm (6 pulgadas)"),
                    Localized("About 1 metre (3 feet)", "Alrededor de 1 metro (3 pies)"),
                    Localized("Only water above the waist", "Solo el agua por encima de la cintura"),
                ],
                correctOption: 0,
                explanation: Localized(
                    "Even shallow moving water is strong enough to knock you down.",
                    "Incluso el agua poco profunda en movimiento tiene fuerza suficiente para derribarle.")),
            Question(
                prompt: Localized(
                    "Water is rising inside your home and you cannot leave. Where do you go?",
                    "El agua sube dentro de su casa y no puede salir. ¿Adónde va?"),
                options: [
                    Localized("Into the closed attic", "Al ático cerrado"),
                    Localized("To the basement, to stay out of the wind", "Al sótano, para protegerse del viento"),
                    Localized("To the highest floor, and the roof only if you must", "Al piso más alto, y al techo solo si es necesario"),
                ],
                correctOption: 2,
                explanation: Localized(
                    "A closed attic can become a trap as water rises; from a high floor or the roof, rescuers can see you.",
                    "Un ático cerrado puede convertirse en una trampa si el agua sube; desde un piso alto o el techo, los rescatistas pueden verle.")),
            Question(
                prompt: Localized(
                    "The flood is over. Your street still has puddles of flood water. What is true?",
                    "La inundación terminó. En su calle todavía hay charcos de agua de la inundación. ¿Qué es cierto?"),
                options: [
                    Localized("The water is safe once it stops moving", "El agua es segura cuando deja de moverse"),
                    Localized("It can hold sewage and chemicals, and hide live power lines", "Puede contener aguas negras y químicos, y ocultar cables con corriente"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "Stay out of flood water even after the storm, and keep away from fallen lines.",
                    "No entre al agua de la inundación ni siquiera después de la tormenta, y aléjese de los cables caídos.")),
        ])
}
