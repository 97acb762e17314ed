extension PreparednessModule {
    /// Home fire: get out fast, stay low, check doors, stop-drop-roll.
    static let fire = PreparednessModule(
        id: "fire",
        title: Localized("Fire at home", "Incendio en casa"),
        summary: Localized(
            "How to get out of a burning building fast and safely.",
            "Cómo salir rápido y con seguridad de un edificio en llamas."),
        lesson: [
            Localized(
                "Once a smoke alarm sounds, you may have less than two minutes to get out. Leave at once: do not stop for belongings.",
                "Cuando suena una alarma de humo, puede tener menos de dos minutos para salir. Salga de inmediato: no se detenga a recoger sus cosas."),
            Localized(
                "Stay low under smoke. The air near the floor is cleaner and cooler, so crawl if you have to.",
                "Manténgase agachado por debajo del humo. El aire cerca del suelo es más limpio y más fresco; gatee si es necesario."),
            Localized(
                "Before you open a closed door, feel the door and the handle with the back of your hand. If it is hot, use another way out.",
                "Antes de abrir una puerta cerrada, toque la puerta y la manija con el dorso de la mano. Si está caliente, use otra salida."),
            Localized(
                "If your clothes catch fire: stop, drop to the ground, cover your face and roll until the flames are out.",
                "Si su ropa se prende fuego: deténgase, tírese al suelo, cúbrase la cara y ruede hasta apagar las llamas."),
            Localized(
                "Go to your family's meeting place outside, then call 112. Never go back inside a burning building.",
                "Vaya al punto de encuentro de su familia afuera y luego llame al 112. Nunca vuelva a entrar a un edificio en llamas."),
            Localized(
                "Test your smoke alarms every month and plan two ways out of every room.",
                "Pruebe sus alarmas de humo cada mes y planifique dos salidas de cada habitación."),
        ],
        source: Localized(
            "Based on Ready.gov (U.S. Department of Homeland Security) and U.S. Fire Administration guidance.",
            "Basado en las recomendaciones de Ready.gov (Departamento de Seguridad Nacional de EE. UU.) y de la Administración de Incendios de EE. UU."),
        questions: [
            Question(
                prompt: Localized(
                    "The smoke alarm goes off at night and there is smoke in the hallway. What do you do first?",
                    "La alarma de humo suena de noche y hay humo en el pasillo. ¿Qué hace primero?"),
                options: [
                    Localized("Gather your documents and valuables", "Reunir sus documentos y objetos de valor"),
                    Localized("Get out at once, staying low under the smoke", "Salir de inmediato, agachado por debajo del humo"),
                    Localized("Open the windows to let the smoke out", "Abrir las ventanas para que salga el humo"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "Fire spreads fast: you may have less than two minutes. Low down, the air is cleaner.",
                    "El fuego se propaga rápido: puede tener menos de dos minutos. Cerca del suelo el aire es más limpio.")),
            Question(
                prompt: Localized(
                    "You reach a closed door on your way out. What should you do before opening it?",
                    "Llega a una puerta cerrada camino a la salida. ¿Qué debe hacer antes de abrirla?"),
                options: [
                    Localized("Feel the door and handle with the back of your hand", "Tocar la puerta y la manija con el dorso de la mano"),
                    Localized("Open it quickly to see what is behind it", "Abrirla rápido para ver qué hay detrás"),
                    Localized("Wait behind it until firefighters knock", "Esperar detrás hasta que los bomberos toquen"),
                ],
                correctOption: 0,
                explanation: Localized(
                    "A hot door means fire on the other side: use your second way out.",
                    "Una puerta caliente significa que hay fuego del otro lado: use su segunda salida.")),
            Question(
                prompt: Localized("Your clothes catch fire. What do you do?", "Su ropa se prende fuego. ¿Qué hace?"),
                options: [
                    Localized("Run outside to find water", "Correr afuera a buscar agua"),
                    Localized("Wave your arms to put the flames out", "Agitar los brazos para apagar las llamas"),
                    Localized("Stop, drop to the ground and roll", "Detenerse, tirarse al suelo y rodar"),
                ],
                correctOption: 2,
                explanation: Localized(
                    "Running feeds the flames with air; rolling smothers them.",
                    "Correr aviva las llamas con aire; rodar las sofoca.")),
            Question(
                prompt: Localized(
                    "You are outside and safe, but your cat is still inside. What should you do?",
                    "Está afuera y a salvo, pero su gato sigue adentro. ¿Qué debe hacer?"),
                options: [
                    Localized("Go back in quickly to get it", "Volver a entrar rápido a buscarlo"),
                    Localized("Tell the firefighters where the cat may be", "Decirles a los bomberos dónde puede estar el gato"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "Never go back inside. Firefighters have the equipment to search safely.",
                    "Nunca vuelva a entrar. Los bomberos tienen el equipo para buscar con seguridad.")),
        ])
}
