extension PreparednessModule {
    /// Heat wave: stay cool, drink water, know heat stroke, never leave anyone in a parked car.
    static let heatWave = PreparednessModule(
        id: "heat-wave",
        title: Localized("Heat wave", "Ola de calor"),
        summary: Localized(
            "How to stay cool, and how to spot and respond to heat stroke.",
            "Cómo mantenerse fresco y cómo reconocer y atender un golpe de calor."),
        lesson: [
            Localized(
                "Stay in air conditioning. If your home has none, spend the hottest hours in a cooling centre, a library or another air-conditioned public place. A fan alone does not prevent heat illness when it is very hot.",
                "Permanezca en lugares con aire acondicionado. Si su casa no lo tiene, pase las horas más calurosas en un centro de enfriamiento, una biblioteca u otro lugar público con aire acondicionado. Un ventilador por sí solo no evita las enfermedades por calor cuando hace mucho calor."),
            Localized(
                "Drink water regularly, before you feel thirsty. Avoid alcohol and very sugary drinks.",
                "Beba agua con frecuencia, antes de sentir sed. Evite el alcohol y las bebidas muy azucaradas."),
            Localized(
                "Never leave children, older people or pets in a parked car, even for a few minutes: the inside heats up fast, even with a window open.",
                "Nunca deje a niños, personas mayores ni mascotas en un carro estacionado, ni siquiera por unos minutos: el interior se calienta rápido, aunque haya una ventana abierta."),
            Localized(
                "Check on older neighbours and people who live alone at least twice a day.",
                "Visite a sus vecinos mayores y a las personas que viven solas al menos dos veces al día."),
            Localized(
                "Heat stroke is an emergency: a very high body temperature, hot red skin, a fast strong pulse, confusion or fainting. Call 112, move the person somewhere cooler and cool them with cool cloths or a cool bath. Do not give them anything to drink.",
                "El golpe de calor es una emergencia: temperatura corporal muy alta, piel caliente y enrojecida, pulso rápido y fuerte, confusión o desmayo. Llame al 112, lleve a la persona a un lugar más fresco y refrésquela con paños fríos o un baño fresco. No le dé nada de beber."),
        ],
        source: Localized(
            "Based on the U.S. Centers for Disease Control and Prevention (CDC) guidance on extreme heat.",
            "Basado en las recomendaciones sobre calor extremo de los Centros para el Control y la Prevención de Enfermedades de EE. UU. (CDC)."),
        questions: [
            Question(
                prompt: Localized("Which of these is a warning sign of heat stroke?", "¿Cuál de estas es una señal de alerta de golpe de calor?"),
                options: [
                    Localized("Confusion and a very high body temperature", "Confusión y temperatura corporal muy alta"),
                    Localized("Feeling a little thirsty", "Tener un poco de sed"),
                    Localized("Wanting to stay in the shade", "Querer quedarse a la sombra"),
                ],
                correctOption: 0,
                explanation: Localized(
                    "Confusion, a very high temperature, hot red skin or fainting mean heat stroke: call 112.",
                    "Confusión, temperatura muy alta, piel caliente y enrojecida o desmayo indican golpe de calor: llame al 112.")),
            Question(
                prompt: Localized(
                    "Your neighbour is confused and very hot after an afternoon outside. What do you do?",
                    "Su vecino está confundido y muy caliente después de una tarde al aire libre. ¿Qué hace?"),
                options: [
                    Localized("Let them sleep it off", "Dejar que duerma para que se le pase"),
                    Localized("Call 112, move them somewhere cooler and cool them down", "Llamar al 112, llevarlo a un lugar más fresco y refrescarlo"),
                    Localized("Give them a cup of coffee", "Darle una taza de café"),
                ],
                correctOption: 1,
                explanation: Localized(
                    "Heat stroke can kill or cause lasting damage; cool the person while help comes, and give nothing to drink.",
                    "El golpe de calor puede causar la muerte o daños permanentes; refresque a la persona mientras llega la ayuda y no le dé nada de beber.")),
            Question(
                prompt: Localized(
                    "Is it safe to leave a child in a parked car for five minutes with a window open?",
                    "¿Es seguro dejar a un niño en un carro estacionado por cinco minutos con una ventana abierta?"),
                options: [
                    Localized("Yes, if the window is open", "Sí, si la ventana está abierta"),
                    Localized("Yes, if the car is in the shade", "Sí, si el carro está a la sombra"),
                    Localized("No, never", "No, nunca"),
                ],
                correctOption: 2,
                explanation: Localized(
                    "A parked car heats up within minutes, and an open window barely helps.",
                    "Un carro estacionado se calienta en minutos, y una ventana abierta casi no ayuda.")),
            Question(
                prompt: Localized(
                    "Your home has no air conditioning and the heat is extreme. What is best?",
                    "Su casa no tiene aire acondicionado y el calor es extremo. ¿Qué es lo mejor?"),
                options: [
                    Localized("Spend the hottest hours in a cooling centre or library", "Pasar las horas más calurosas en un centro de enfriamiento o una biblioteca"),
                    Localized("Close the windows and rely on a fan", "Cerrar las ventanas y confiar en un ventilador"),
                ],
                correctOption: 0,
                explanation: Localized(
                    "A few hours in air conditioning helps your body recover; a fan alone is not enough in extreme heat.",
                    "Unas horas con aire acondicionado ayudan a que el cuerpo se recupere; un ventilador no basta con calor extremo.")),
        ])
}
