/// Incident type lists used to choose what forecasts are trained on.
public enum IncidentTypes {
    /// Types that mostly reach the police because a victim or witness reports them (Chicago
    /// "Primary Type" spelling), used as the default training filter.
    ///
    /// Types recorded mainly through police-initiated activity — NARCOTICS, WEAPONS VIOLATION,
    /// PROSTITUTION, GAMBLING, LIQUOR LAW VIOLATION, PUBLIC PEACE VIOLATION, INTERFERENCE WITH PUBLIC
    /// OFFICER, CRIMINAL TRESPASS, CONCEALED CARRY LICENSE VIOLATION and the catch-all OTHER OFFENSE —
    /// are left out: they measure where officers already patrol, and training on them would send
    /// patrols back to the same places (the feedback loop ``FeedbackCheck`` looks for).
    public static let victimReported: Set<String> = [
        "ARSON", "ASSAULT", "BATTERY", "BURGLARY", "CRIM SEXUAL ASSAULT", "CRIMINAL SEXUAL ASSAULT",
        "CRIMINAL DAMAGE", "HOMICIDE", "HUMAN TRAFFICKING", "INTIMIDATION", "KIDNAPPING",
        "MOTOR VEHICLE THEFT", "ROBBERY", "SEX OFFENSE", "STALKING", "THEFT",
    ]
}
