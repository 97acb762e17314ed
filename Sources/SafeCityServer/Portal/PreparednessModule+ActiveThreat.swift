extension PreparednessModule {
    /// Active threat (an attacker with a weapon): run, hide, fight; what to do when police arrive.
    static let activeThreat = PreparednessModule(
        id: "active-threat",
        title: Localized("Active threat", "Amenaza activa"),
        summary: Localized(
            "Run, hide, fight: what to do if someone is attacking people nearby.",
            "Huir, esconderse, luchar: qué hacer si alguien está atacando a personas cerca de usted."),
        lesson: [
            Localized(
                "Run. If there is a safe way out, leave at once. Leave your belongings behind, help others escape if you can, and keep your hands visible.",
                "Huya. Si hay una salida segura, salga de inmediato. Deje sus pertenencias, ayude a otros a escapar si puede y mantenga las manos visibles."),
            Localized(
                "Hide. If you cannot get out, hide out of the attacker's view. Lock or block the door, turn off the lights and silence your phone, vibration included.",
                "Escóndase. Si no puede salir, escóndase fuera de la vista del atacante. Cierre con llave o bloquee la puerta, apague las luces y silencie su teléfono, incluida la vibración."),
            Localized(
                "Fight, only as a last resort and only when your life is in immediate danger: act with all the force you can, using whatever is at hand.",
                "Luche solo como último recurso y solo cuando su vida corra peligro inmediato: actúe con toda la fuerza que pueda, con lo que tenga a mano."),
            Localized(
                "Call 112 when it is safe to do so: say where you are and what you saw.",
                "Llame al 112 cuando sea seguro hacerlo: diga dónde está y qué vio."),
            Localized(
                "When police arrive, keep your hands empty and visible, follow their instructions and do not run towards them. The first officers go to the threat, not to the wounded.",
                "Cuando llegue la policía, mantenga las manos vacías y visibles, siga sus instrucciones y no corra hacia los agentes. Los primeros agentes van hacia la amenaza, no hacia los heridos."),
        ],
        source: Localized(
            "Based on the U.S. Department of Homeland Security's “Run. Hide. Fight.” guidance (CISA).",
            "Basado en la guía «Huir. Esconderse. Luchar.» del Departamento de Seguridad Nacional de EE. UU. (CISA)."),
        questions: [
            Question(
                prompt: Localized(
                    "You hear gunshots in a shopping centre and see a clear exit. What do you do?",
                    "Oye disparos en un centro comercial y ve una salida despejada. ¿Qué hace?"),
                options: [
                    Localized("Leave at once, without your belongings", "Salir de inmediato, sin sus pertenencias"),
                    Localized("Stay where you are and film what happens", "Quedarse donde está y grabar lo que pasa"),
                    Localized("Go to look for the source of the noise", "Ir a buscar de dónde viene el ruido"),
                ],
                correctOption: 0,
                explanation: Localized(
                    "If there is a safe way out, running is the best option; belongings slow you down.",
                    "Si hay una salida segura, huir es la mejor opción; las pertenencias le retrasan.")),
            Question(
                prompt: Localized("You cannot get out and must hide. What should you do?", "No puede salir y debe esconderse. ¿Qué debe hacer?"),
                options: [
                    Localized("Hide near the door so you can see the attacker", "Esconderse cerca de la puerta para ver al atacante"),
                    Localized("Lock or block the door, turn off the lights and silence your phone", "Cerrar o bloquear la puerta, apagar las luces y silenciar el teléfono"),
                    Localized("Call out to others so they know where you are", "Llamar a otros en voz alta para que sepan dónde está"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "A locked, dark, quiet room out of sight is the safest place to hide; a vibrating phone can give you away.",
                    "Un cuarto cerrado, oscuro, silencioso y fuera de la vista es el lugar más seguro; un teléfono que vibra puede delatarle.")),
            Question(
                prompt: Localized("Police officers arrive. What do you do?", "Llega la policía. ¿Qué hace?"),
                options: [
                    Localized("Run towards them to get help", "Correr hacia ellos para pedir ayuda"),
                    Localized("Keep your hands empty and visible and follow their instructions", "Mantener las manos vacías y visibles y seguir sus instrucciones"),
                    Localized("Point to where the attacker went, holding your phone", "Señalar adónde fue el atacante con el teléfono en la mano"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "Officers do not know yet who the attacker is; empty, visible hands show you are not a threat.",
                    "Los agentes todavía no saben quién es el atacante; las manos vacías y visibles muestran que usted no es una amenaza.")),
            Question(
                prompt: Localized("When should you fight?", "¿Cuándo debe luchar?"),
                options: [
                    Localized("As soon as you hear shots", "En cuanto oiga disparos"),
                    Localized("Only as a last resort, when your life is in immediate danger", "Solo como último recurso, cuando su vida corra peligro inmediato"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "Run first, hide if you cannot run; fight only when there is no other choice.",
                    "Primero huya, escóndase si no puede huir; luche solo cuando no haya otra opción.")),
        ])
}
