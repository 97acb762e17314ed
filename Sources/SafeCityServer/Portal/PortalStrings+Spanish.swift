extension PortalStrings {
    /// The portal in Spanish.
    static let spanish = PortalStrings(
        languageName: "Español",
        siteName: "SafeCity",
        portalName: "Portal para residentes",
        skipLink: "Saltar al contenido principal",
        navigationLabel: "Principal",
        navHome: "Alertas y aire",
        navReport: "Reportar un problema",
        navLearn: "Prepárese",
        navProgress: "Mi progreso",
        navTransparency: "Transparencia",
        emergencyBanner: "En una emergencia, llame al 112.",
        footer: "SafeCity es la plataforma de seguridad pública de la ciudad. Este portal no carga nada de otros sitios web y funciona sin JavaScript.",
        footerData: "Datos abiertos:",

        homeTitle: "Alertas públicas y calidad del aire",
        homeIntro: "Los avisos vigentes en la ciudad y la calidad del aire más reciente, en el momento en que abrió esta página.",
        alertsHeading: "Alertas y avisos vigentes",
        noAlerts: "No hay alertas vigentes en este momento.",
        alertArea: "Zona",
        alertSeverity: "Gravedad",
        alertExpires: "Vence",
        alertNoExpiry: "Hasta nuevo aviso",
        alertWhatToDo: "Qué hacer",
        alertFeeds: "Las aplicaciones, sirenas y medios pueden seguir estas alertas en el formato estándar CAP:",
        alertFeedLink: "el canal de alertas (Atom)",
        severity: { severity in
            switch severity {
            case .extreme: "Extrema"
            case .severe: "Grave"
            case .moderate: "Moderada"
            case .minor: "Menor"
            case .unknown: "Desconocida"
            }
        },
        airHeading: "Calidad del aire",
        airIntro: "El Índice de Calidad del Aire (AQI) de la EPA de EE. UU. por zonas de unos 500 por 500 metros. Cada zona muestra su peor lectura; los sensores con fallas no se tienen en cuenta.",
        noAir: "No hay lecturas de calidad del aire en este momento.",
        mapTitle: "Mapa de la calidad del aire por zona",
        mapDescription: { areas, category, aqi in
            "\(areas) \(areas == 1 ? "zona tiene" : "zonas tienen") lecturas. El norte está arriba. La peor es \(category) (AQI \(aqi)). La tabla de abajo da la misma información."
        },
        legendHeading: "Categorías del AQI",
        tableCaption: "Calidad del aire por zona (los mismos datos del mapa)",
        columnArea: "Zona (centro)",
        columnAQI: "AQI",
        columnCategory: "Categoría",
        columnSensors: "Sensores",
        adviceHeading: "Qué significan estos niveles para su salud",
        aqiCategory: { $0.nameSpanish },
        aqiAdvice: { $0.healthMessageSpanish },
        airSource: "Fuente: AQI de la EPA de EE. UU. (puntos de corte de mayo de 2024) con NowCast, de los sensores de la ciudad. Los mismos datos en JSON:",

        reportTitle: "Reportar un problema",
        reportEmergency: "Emergencias: llame al 112. Los reportes son para problemas que no son emergencias.",
        reportIntro: "Informe a la ciudad sobre un problema en un lugar público, como una luz de la calle rota o un peligro en la vía. Cada reporte llega al equipo que se encarga de él, y usted puede seguir lo que pasa.",
        reportServicesHeading: "Qué puede reportar",
        reportServices: [
            (name: "Actividad sospechosa", detail: "Algo que parece fuera de lugar pero no es una emergencia. Un despachador lo revisa."),
            (name: "Luz de la calle rota", detail: "Una luz apagada, que parpadea o que está dañada."),
            (name: "Peligro en la vía", detail: "Escombros, un bache, una rama caída o cualquier otra cosa que ponga en riesgo a quienes usan la vía."),
            (name: "Grafiti", detail: "Grafiti en propiedad pública."),
            (name: "Ruido", detail: "Ruido que continúa tarde en la noche o durante mucho tiempo."),
        ],
        reportHowHeading: "Cómo enviar un reporte",
        reportHowSteps: [
            "Use una aplicación o un sitio web de la ciudad compatible con Open311, el estándar abierto para reportar problemas a las ciudades.",
            "Elija el tipo de problema y diga dónde está: una dirección o un punto en el mapa.",
            "Agregue una foto y sus datos de contacto si quiere recibir novedades. Ambos son opcionales.",
            "Guarde el número de solicitud que recibe: le permite seguir el reporte.",
        ],
        reportAfterHeading: "Qué pasa después",
        reportAfter: "Su reporte se confirma, se asigna a un equipo, se atiende y se cierra con una nota pública. Si dejó sus datos de contacto, le avisamos en cada paso. Sus datos de contacto se guardan cifrados y nunca se muestran al público.",
        reportDevelopersHeading: "Para desarrolladores de aplicaciones",
        reportDevelopersPost: "SafeCity habla Open311 GeoReport v2. Envíe reportes con un POST a",
        reportDevelopersList: "Los tipos de problema y sus preguntas están en",

        learnTitle: "Prepárese",
        learnIntro: "Lecciones breves sobre qué hacer en una emergencia. Cada una toma unos cinco minutos y termina con un cuestionario corto. Sus resultados se guardan en este dispositivo, sin su nombre.",
        questionCount: { "\($0) preguntas" },
        bestScore: { "Su mejor resultado: \($0) de \($1)" },
        notTakenYet: "Todavía no la ha hecho",
        lessonHeading: "Qué hacer",
        sourceLabel: "Fuente:",
        quizHeading: "Compruebe lo que sabe",
        quizIntro: "Elija una respuesta para cada pregunta y luego compruebe sus respuestas.",
        submitAnswers: "Comprobar mis respuestas",
        resultHeading: "Su resultado",
        resultScore: { "Acertó \($0) de \($1)." },
        allCorrect: "¡Muy bien: todo correcto!",
        answerCorrect: "Correcto",
        answerWrong: "No exactamente",
        yourAnswer: "Su respuesta:",
        rightAnswer: "La respuesta correcta:",
        progressSaved: "Su resultado quedó guardado.",
        progressLink: "Ver todos sus resultados",
        tryAgain: "Hacer el cuestionario otra vez",
        nextLesson: "Siguiente lección:",
        backToLessons: "Todas las lecciones",
        errorSummaryTitle: "Hay un problema",
        unanswered: { "Elija una respuesta para la pregunta \($0)." },

        progressTitle: "Mi progreso",
        progressIntro: "Sus resultados están vinculados a un código anónimo guardado en una cookie de este dispositivo. Nunca le pedimos su nombre. Si borra sus cookies, los resultados ya no se pueden vincular con usted.",
        progressNone: "Todavía no ha terminado ningún cuestionario en este dispositivo.",
        progressCaption: "Sus resultados",
        progressCompleted: { "Ha completado \($0) de \($1) lecciones." },
        columnLesson: "Lección",
        columnBest: "Mejor resultado",
        columnLast: "Último resultado",
        columnAttempts: "Intentos",
        columnWhen: "Última vez",
        scoreOf: { "\($0) de \($1)" },

        transparencyTitle: "Transparencia: la tecnología que usamos",
        transparencyIntro: "Cada tecnología que usa SafeCity, qué datos recoge, cuánto tiempo se guardan y quién puede verlos. Los plazos de conservación y los accesos se leen de la configuración del sistema en funcionamiento, no se escriben a mano.",
        neverHeading: "Lo que SafeCity no hará",
        never: [
            "Nada de reconocimiento facial ni de ninguna otra identificación de personas por su cara o su cuerpo, ni en vivo ni después.",
            "Nada de predicciones sobre personas. Los pronósticos, cuando se usen, tratan solo de lugares y momentos.",
            "Nada de acciones automáticas: cada sugerencia del sistema se muestra con sus razones a una persona que decide.",
        ],
        labelPurpose: "Para qué sirve",
        labelCollects: "Qué datos recoge",
        labelNotCollected: "Qué no recoge",
        labelRetention: "Cuánto tiempo se guarda",
        labelAccess: "Quién puede verlo",
        role: { role in
            switch role {
            case .admin: "administradores del sistema"
            case .dispatcher: "despachadores"
            case .fieldUnit: "equipos en la calle (policía, bomberos, ambulancias)"
            case .analyst: "analistas"
            case .healthOfficer: "funcionarios de salud pública"
            case .publicInformationOfficer: "funcionarios de información pública"
            case .sensor: "dispositivos conectados"
            case .public: "el público"
            }
        },
        duration: { seconds in
            if seconds <= 0 { return "no se guardan" }
            if seconds % 3600 == 0 { return seconds == 3600 ? "1 hora" : "\(seconds / 3600) horas" }
            if seconds % 60 == 0 { return seconds == 60 ? "1 minuto" : "\(seconds / 60) minutos" }
            return seconds == 1 ? "1 segundo" : "\(seconds) segundos"
        },
        eventRecordRetention: { "Se guarda en el registro de eventos de la ciudad, protegido contra alteraciones, durante al menos \($0) días." },
        technologies: TransparencyText(
            camerasTitle: "Cámaras y análisis de video",
            camerasPurpose: "Detectar situaciones en lugares públicos que pueden necesitar ayuda: alguien que merodea en una zona cerrada, un bolso abandonado, una multitud que se forma, un carro que se detiene donde no debe.",
            camerasCollects: "Solo detecciones: el tipo de objeto (persona, carro, bolso), su posición en la imagen y un número de seguimiento anónimo.",
            camerasNotCollected: "No se reciben ni se guardan imágenes ni video. Nada de reconocimiento facial. Los números de seguimiento no se vinculan con nadie.",
            camerasRetention: { "Los seguimientos anónimos se guardan solo en memoria, nunca en disco, durante: \($0.joined(separator: "; ")). Las alertas que genera una cámara (por ejemplo, un bolso abandonado) se guardan en el registro de eventos con un máximo de 24 puntos de seguimiento como evidencia." },
            camerasNone: "No hay ninguna cámara conectada en este momento. Cuando la haya, aquí aparecerá cuánto tiempo se guardan sus seguimientos.",
            camerasAccessTracks: "Seguimientos anónimos en vivo",
            camerasAccessSignals: "Alertas de las cámaras",
            sensorsTitle: "Sensores ambientales",
            sensorsPurpose: "Medir la calidad del aire, el ruido, el nivel del agua y el tráfico, y avisar cuando las lecturas superan los límites seguros.",
            sensorsCollects: "Mediciones con la hora y la ubicación del sensor.",
            sensorsNotCollected: "Nada sobre las personas: los sensores no graban sonido ni imágenes.",
            sensorsAccess: "Lecturas",
            reportsTitle: "Reportes de residentes (Open311)",
            reportsPurpose: "Permitir que los residentes reporten problemas en lugares públicos y sigan su solución.",
            reportsCollects: "El tipo de problema, su descripción y lugar, un enlace a una foto (opcional) y datos de contacto (opcionales).",
            reportsNotCollected: "Los datos de contacto son opcionales; los reportes pueden ser anónimos.",
            reportsRetention: { "Se guardan en el registro de eventos. Los datos de contacto se guardan cifrados y su clave se destruye \($0) días después del final del mes del aviso, de modo que nadie puede volver a leerlos. Puede pedir una copia de sus avisos." },
            reportsAccessReports: "Los reportes y su estado",
            reportsAccessContact: "Sus datos de contacto",
            reportsAccessSteps: "Hacer avanzar un reporte (asignado, en curso, cerrado)",
            reportsContactUse: "Nadie puede leerlos a través del sistema: se guardan cifrados y solo se abren para enviarle noticias de su reporte.",
            socialTitle: "Monitoreo de redes sociales",
            socialPurpose: "Notar aumentos repentinos de publicaciones públicas sobre incendios, humo, disparos, inundaciones o choques en una zona.",
            socialCollects: "Solo publicaciones públicas: texto, hora y etiqueta de lugar.",
            socialNotCollected: "Nada de mensajes privados ni de perfiles de personas. Los nombres de usuario de los autores se reemplazan por un hash irreversible antes de guardar nada.",
            socialAccess: "Los aumentos y las publicaciones que los originan",
            socialFeeds: "Enviar publicaciones (las integraciones de fuentes de la ciudad)",
            dispatchTitle: "Llamadas de emergencia, despacho y alertas públicas",
            dispatchPurpose: "Atender llamadas de emergencia, enviar las unidades de policía, bomberos y ambulancia adecuadas más cercanas, y avisar a los residentes con alertas públicas estándar (CAP).",
            dispatchCollects: "Incidentes (tipo, lugar, horas, unidades enviadas), la posición y el estado de las unidades, y el nombre, el número y la dirección de quien llama.",
            dispatchNotCollected: "SafeCity no guarda el audio de las llamadas.",
            dispatchRetention: { "Se guarda en el registro de eventos. Los datos de quien llama se guardan cifrados y su clave se destruye \($0) días después del final del mes de la llamada, de modo que nadie puede volver a leerlos." },
            dispatchAccessIncidents: "Incidentes y unidades",
            dispatchAccessCallers: "Datos de quien llama",
            dispatchAccessAlerts: "Alertas públicas",
            forecastTitle: "Pronósticos",
            forecastStatus: "Todavía no se usan.",
            forecastPromise: "Cuando se usen, esta sección mostrará qué pronostican (lugares y momentos, nunca personas), los datos de los que aprenden y su auditoría de equidad más reciente.",
            forecastInUse: { "En uso: pronósticos \($0) de dónde es probable que se registren delitos en las próximas 24 horas, por cuadrado de \($1) m — lugares y momentos, nunca personas. Aprenden de \($2) incidentes registrados de los tipos que denuncian las víctimas (robo, agresión, allanamiento…), no de registros iniciados por la policía como detenciones por drogas, que muestran dónde ya patrulla." },
            forecastAuditTitle: { "Última auditoría de equidad (\($0))" },
            forecastColumns: ["Distrito", "Parte de los incidentes", "Parte de la zona señalada", "Incidentes previstos"],
            forecastDisparity: { "Entre distritos, la parte de incidentes prevista difiere en un factor de \($0), y la zona señalada frente a los incidentes en \($1); más de \($2) lo tratamos como aviso." },
            forecastUneven: "Aviso: el pronóstico atiende peor o vigila más a algunos distritos de lo que justifican sus incidentes. Los analistas lo revisan antes de que las patrullas se basen en él.",
            forecastEven: "Ningún distrito se señala ni se atiende de forma desproporcionada a sus incidentes.",
            portalTitle: "Este portal",
            portalPurpose: "Guardar su progreso en los cuestionarios sin crear una cuenta.",
            portalCollects: "Un código aleatorio en una cookie de su dispositivo. Con cada cuestionario terminado guardamos un hash irreversible de ese código, la lección, el resultado y el idioma.",
            portalNotCollected: "Ni nombre, ni correo electrónico, ni ubicación. El código en sí nunca se guarda.",
            portalRetention: "La cookie dura un año en su dispositivo; los resultados se guardan en el registro de eventos.",
            portalAccess: "Resultados de los cuestionarios"),

        errorTitle: { status in
            switch status {
            case 403: "Este formulario caducó"
            case 404: "Página no encontrada"
            case 413: "Ese formulario es demasiado grande"
            case 400, 415, 422: "No pudimos leer ese formulario"
            default: "Algo salió mal"
            }
        },
        errorBody: { status in
            switch status {
            case 403: "Por su seguridad, los formularios solo funcionan por un tiempo y solo desde este sitio web. Vuelva atrás, recargue la página e inténtelo de nuevo."
            case 404: "No hay ninguna página en esta dirección. Puede que se haya movido."
            case 413: "El formulario que envió es más grande de lo que esta página acepta. Vuelva atrás e inténtelo de nuevo."
            case 400, 415, 422: "No pudimos entender algunas de las respuestas. Vuelva atrás, recargue la página e inténtelo de nuevo."
            default: "El portal no pudo responder en este momento. Inténtelo de nuevo en unos minutos."
            }
        },
        errorHome: "Ir a la página principal del portal",
        errorReference: { "Referencia: \($0)" })
}
