"""The standard template built from the seeds (Region Jämtland Härjedalen, 2020–2023).

Dated meetings and deadlines come word for word from seeds 000–002; the undated phases come
from seed 004 and the investment planning from seed 003. Rules are chosen so that budget
year 2022 lands exactly on the seeds' dates.
"""

from __future__ import annotations

import datetime as dt

PREP_PARTICIPANTS = (
    "Regionstyrelsens ordförande och representanter för majoriteten. Regionstyrelsens "
    "ordförande beslutar om representation. Regiondirektör, ekonomidirektör och budgetchef "
    "samt vid behov övriga tjänstepersoner i presentationssyfte."
)
PREP_PARTICIPANTS_LATE = (
    "Regionstyrelsens ordförande och representanter för majoriteten. Regionstyrelsens "
    "ordförande beslutar om representation. Regiondirektör, ekonomidirektör, budgetchef samt "
    "övriga tjänstepersoner i presentationssyfte."
)
PREP_NOTE = "Det här är ett internt beredningsmöte med regionstyrelsens ordförande."
ED_NOTES = "Ekonomidirektörens minnesanteckningar"
FINANCE_POSTS = ["chief_executive", "finance_director", "budget_chief"]

FEEDBACK_INSTRUCTION = (
    "Anvisning och underlag till planeringsförutsättningar och inspel till regionplan enligt "
    "nedan.\n"
    "Nämnden ska ha berett, behandlat, beslutat och skickat in återkopplingsrapporten/underlaget "
    "till planeringsförutsättningarna så att de är Regionstyrelsens arbetsutskott tillhanda den "
    "16 april (Underlag och ärendet till respektive nämnd senast 18 mars).\n"
    "Nämnderna kan inleda sitt arbete med planeringsförutsättningar inför nästkommande period "
    "direkt efter kickoff i februari och kan då också inleda arbetet med verksamhetsplanen inför "
    "nästkommande år.\n"
    "Återkopplingen genomförs/avslutas med styrdialog = möte mellan nämndens presidium och "
    "utvalda verksamhetsrepresentanter och regionstyrelse Au Resultatet av styrdialogerna "
    "tillförs regionplanen i den politiska styrningen inför framtagande av regionplan.\n"
    "Nämnderna återkopplar i en återkopplingsrapport till regionstyrelsen angående "
    "planeringsförutsättningar inför nästa planeringsperiod, senast 16 april. Med utgångspunkt "
    "från nedanstående sex rubriker.\n"
    "- Nämndens bidrag till fullmäktiges mål och uppdrag\n"
    "- Nämndens utvecklingsinsatser och planerade verksamhetsförändringar\n"
    "- Nämndens inriktning för kompetensförsörjning\n"
    "- Nämndens plan för hållbar ekonomi och prioriteringar av resurser\n"
    "- Nämndens investeringsplanering\n"
    "- Nämndens övriga synpunkter – möjligheter och utmaningar"
)

COMMITTEES = ["hsn", "run", "pn"]

# Each step: key, kind, track, title, rule, and the six parts. bodies/posts name the
# structured participants (body slugs and post kinds); produces/consumes name document types.
STEPS: list[dict] = [
    {
        "key": "investeringsplanering",
        "kind": "phase",
        "track": "investments",
        "title": "Investeringsplanering",
        "rule": "span month Y-2 03 .. month Y-2 11",
        "purpose": (
            "Tidigarelagd investeringsplanering med 1 år. Investeringsplanen är klar ett år "
            "före budgetåret. Investeringsplanen är fyraårig med en tioårig planeringshorisont "
            "i bakgrunden"
        ),
        "participants": "Ekonomistaben och förvaltningarna",
        "posts": ["finance_director", "budget_chief", "head_of_administration"],
        "produces": ["investeringsplan"],
        "visibility": "public",
    },
    {
        "key": "investeringsplan-klar",
        "kind": "deadline",
        "track": "investments",
        "title": "Investeringsplanen klar",
        "rule": "date Y-2 11-30",
        "adjust": "before",
        "purpose": "Investeringsplanen är klar ett år före budgetåret.",
        "posts": ["finance_director", "budget_chief"],
        "produces": ["investeringsplan"],
        "consumes": [],
        "visibility": "public",
    },
    {
        "key": "planeringsforutsattningar",
        "kind": "phase",
        "track": "preparation",
        "title": "Planeringsförutsättningar tas fram",
        "rule": "span month Y-2 08 .. offset kickoff -1d",
        "participants": "Tjänstepersoner",
        "purpose": (
            "Det är dokumentet som ligger till grund för den politiska planeringen som "
            "regionfullmäktige gör med en regionplan och de olika nämnderna i sina nämndsplaner. "
            "Dokumentet, som tas fram av tjänstepersoner, ger politiken en bild av de ekonomiska "
            "och verksamhetsmässiga förutsättningarna inför kommande år."
        ),
        "notes": (
            "Arbetet med att ta fram planeringsförutsättningarna startar tjänstepersonerna i "
            "augusti det vill säga ett och ett halvt år innan det aktuella planeringsåret I "
            "februari presenteras det färdiga dokumentet på en kickoff för politiker och ledande "
            "tjänstepersoner."
        ),
        "posts": ["chief_executive", "finance_director", "budget_chief"],
        "produces": ["planeringsforutsattningar"],
        "visibility": "public",
    },
    {
        "key": "lagesavstamning",
        "kind": "meeting",
        "track": "preparation",
        "title": "Lägesavstämning planeringsförutsättningar",
        "rule": "nth Y-2 12 2 fri",
        "adjust": "after",
        "participants": PREP_PARTICIPANTS,
        "chair_picks_majority": True,
        "purpose": (
            "Syftet är att med den politiska majoriteten föra dialog om inriktningarna för "
            "innehållet i planeringsförutsättningarna"
        ),
        "inputs": (
            "beräkningar av finansiellt utrymme för planeringsperioden, sammanfattning av "
            "omvärldsbevakning, investeringsplan, preliminära budget och ramberäkningar m.m"
        ),
        "goal": "Att erhålla klartecken för fortsatt arbete med planeringsförutsättningarna",
        "documentation": ED_NOTES,
        "follow_up": "Arbete med planeringsförutsättningarna fortsätter utifrån inriktningar från mötet",
        "notes": PREP_NOTE,
        "posts": FINANCE_POSTS,
        "consumes": ["investeringsplan"],
        "produces": ["minnesanteckningar"],
        "visibility": "internal",
    },
    {
        "key": "omvarld-ekonomiskt-utrymme",
        "go_ahead_from": "lagesavstamning",
        "kind": "meeting",
        "track": "preparation",
        "title": "Avstämning omvärldsbevakning och ekonomiskt utrymme",
        "rule": "nth Y-1 01 3 tue",
        "adjust": "after",
        "participants": PREP_PARTICIPANTS,
        "chair_picks_majority": True,
        "purpose": (
            "Syftet är att med den politiska majoriteten föra dialog om inriktningarna för "
            "innehållet i planeringsförutsättningarna"
        ),
        "inputs": (
            "Detaljerade budget och ramberäkningar, resultatet av genomförda budgetdialoger, "
            "investeringsplan och omvärldsbevakning m.m. samt presentationsmaterial"
        ),
        "goal": "Att erhålla klartecken från majoriteten för inriktningarna till arbetet med planeringsförutsättningarna",
        "documentation": ED_NOTES,
        "follow_up": "Slutförande av planeringsförutsättningarna utifrån inriktningar från mötet",
        "notes": PREP_NOTE,
        "posts": FINANCE_POSTS,
        "consumes": ["investeringsplan"],
        "produces": ["minnesanteckningar"],
        "visibility": "internal",
    },
    {
        "key": "avstamning-planeringsforutsattningar",
        "go_ahead_from": "omvarld-ekonomiskt-utrymme",
        "kind": "meeting",
        "track": "preparation",
        "title": "Avstämning planeringsförutsättningar",
        "rule": "nth Y-1 01 -1 fri",
        "adjust": "before",
        "participants": PREP_PARTICIPANTS_LATE,
        "chair_picks_majority": True,
        "purpose": (
            "Syftet är att den politiska majoriteten ska ges möjlighet att slutjustera och ge "
            "klartecken till förslaget till planeringsförutsättningar"
        ),
        "inputs": "Slutligt förslag till planeringsförutsättningar samt presentationsmaterial",
        "goal": (
            "Att erhålla klartecken från majoriteten för att kunna färdigställa ett slutligt "
            "förslag till planeringsförutsättningar"
        ),
        "documentation": ED_NOTES,
        "follow_up": (
            "Färdigställande och utskick av det slutliga förslaget till "
            "planeringsförutsättningarna inför Kickoff"
        ),
        "notes": PREP_NOTE,
        "posts": FINANCE_POSTS,
        "consumes": ["planeringsforutsattningar"],
        "produces": ["minnesanteckningar"],
        "visibility": "internal",
    },
    {
        "key": "kickoff",
        "go_ahead_from": "avstamning-planeringsforutsattningar",
        "kind": "meeting",
        "track": "council_board",
        "title": "Kickoff",
        "rule": "nth Y-1 02 2 wed",
        "adjust": "after",
        "participants": (
            "Primär målgrupp är politiska företrädare för majoritet och nämnder. Till mötet bjuds "
            "företrädare för majoriteten, nämnds presidier, oppositionsråd in. Medverkande "
            "tjänstepersoner är Regiondirektör, ekonomidirektör, budgetchef, förvaltningschefer "
            "samt övriga tjänstepersoner i presentationssyfte"
        ),
        "purpose": (
            "Syftet är att informera om förslag till planeringsförutsättningar samt grunderna "
            "för dessa men också ge möjlighet för regionstyrelsens ordförande och "
            "regiondirektören att ge budskap inför kommande arbete med regionplanen"
        ),
        "inputs": "Planeringsförutsättningar och presentationsmaterial",
        "goal": (
            "Ge ledande företrädare inom majoriteten, i nämndernas presidium och "
            "förvaltningschefer samma förståelse för planeringsförutsättningarnas grunder och "
            "därigenom skapa bättre förutsättningar för den fortsatta politiska processen"
        ),
        "documentation": "Utskick av planeringsförutsättningar och presentationsmaterial",
        "follow_up": "Utskick för förankringsarbete inom den politiska majoriteten",
        "posts": [*FINANCE_POSTS, "head_of_administration"],
        "presidia": COMMITTEES,
        "consumes": ["planeringsforutsattningar"],
        "produces": ["presentation"],
        "visibility": "public",
    },
    {
        "key": "planeringsdag",
        "kind": "meeting",
        "track": "council_board",
        "title": "Planeringsdag för regionstyrelsen och nämnder",
        "rule": "nth Y-1 02 4 mon",
        "adjust": "after",
        "start_time": dt.time(9, 0),
        "end_time": dt.time(15, 0),
        "location": "Digitalt",
        "participants": (
            "Till planeringsdagen inbjuds ordinarie ledamöter och ersättare i regionfullmäktige, "
            "regionstyrelsen, regionala utvecklingsnämnden och hälso- och sjukvårdsnämnden samt "
            "politiska sekreterare och gruppledare."
        ),
        "purpose": (
            "Syftet med planeringsdagen är att redovisa preliminärt resultat för {Y-2} och "
            "övergripande ekonomiska förutsättningar inför {Y}, informera om samhällstrender, "
            "betydande beslut och förändringar, läget i länet samt andra förändringar som vid "
            "tillfället är kända och har inverkan på planerings- och budgetprocessen."
        ),
        "inputs": "Tjänsteskrivelse Planeringsdag för regionstyrelsen och nämnder {Y-1}",
        "goal": "En gemensam planeringsdag för förtroendevalda som start på planerings- och budgetarbetet för {Y}.",
        "documentation": "Presentationsmaterial",
        "follow_up": (
            "Förtroendevalda är berättigade till arvoden enligt gällande arvodesbestämmelser för "
            "förtroendevalda inom Region Jämtland Härjedalen."
        ),
        "notes": "Preliminärt digitalt kl. 9.00 – 15.00.",
        "bodies": ["rf", "rs", "run", "hsn"],
        "posts": ["political_secretary"],
        "consumes": ["tjansteskrivelse"],
        "visibility": "public",
    },
    {
        "key": "underlag-till-namnd",
        "kind": "deadline",
        "track": "committees",
        "title": "Underlag och ärendet till respektive nämnd",
        "rule": "date Y-1 03-18",
        "adjust": "before",
        "participants": "Nämnderna och deras förvaltningar",
        "purpose": "Underlag och ärendet till respektive nämnd senast 18 mars",
        "inputs": "Planeringsförutsättningar",
        "notes": FEEDBACK_INSTRUCTION,
        "posts": ["committee_secretary", "head_of_administration"],
        "bodies": COMMITTEES,
        "consumes": ["planeringsforutsattningar"],
        "visibility": "public",
    },
    {
        "key": "aterkopplingsrapport",
        "kind": "deadline",
        "track": "committees",
        "title": "Återkopplingsrapport till regionstyrelsens arbetsutskott",
        "rule": "date Y-1 04-16",
        "adjust": "before",
        "participants": "Nämnderna; mottagare är regionstyrelsens arbetsutskott",
        "purpose": (
            "Nämnderna återkopplar i en återkopplingsrapport till regionstyrelsen angående "
            "planeringsförutsättningar inför nästa planeringsperiod, senast 16 april."
        ),
        "inputs": "Planeringsförutsättningar",
        "notes": FEEDBACK_INSTRUCTION,
        "bodies": [*COMMITTEES, "rsau"],
        "posts": ["committee_secretary"],
        "consumes": ["planeringsforutsattningar"],
        "produces": ["aterkopplingsrapport"],
        "visibility": "public",
    },
    {
        "key": "styrdialoger",
        "kind": "meeting",
        "track": "committees",
        "title": "Styrdialoger",
        "rule": "offset aterkopplingsrapport +4d",
        "adjust": "after",
        "participants": "Regionstyrelsens arbetsutskott samt respektive nämnds presidium och förvaltningschef",
        "purpose": "Syftet är att föra dialog mellan regionstyrelsen och nämnden",
        "inputs": "Nämndernas återkopplingsrapporter",
        "goal": "Säkra informationsöverföring mellan nämnd och regionstyrelsen inför fortsatt processarbete",
        "documentation": "Mötesprotokoll",
        "follow_up": "Styrdialogerna ger inspel till slutlig beredning av Regionplanen",
        "bodies": ["rsau"],
        "presidia": COMMITTEES,
        "posts": ["head_of_administration"],
        "consumes": ["aterkopplingsrapport"],
        "produces": ["protokoll"],
        "visibility": "public",
    },
    {
        "key": "avstamning-styrdialoger",
        "go_ahead_from": "styrdialoger",
        "kind": "meeting",
        "track": "preparation",
        "title": "Avstämning styrdialoger",
        "rule": "offset styrdialoger +1d",
        "adjust": "after",
        "participants": PREP_PARTICIPANTS_LATE,
        "chair_picks_majority": True,
        "purpose": "Syftet är att med den politiska majoriteten bedöma styrdialogernas påverkan på regionplanen",
        "inputs": (
            "Mötesprotokoll från genomförda styrdialoger och regiondirektörens sammanfattning av "
            "nämndernas återkoppling på planeringsförutsättningarna samt aktuell lägesuppdatering "
            "med förslag till påverkan på kommande Regionplan."
        ),
        "goal": "Att erhålla klartecken för styrdialoger och andra inriktningar ska påverka regionplanen",
        "documentation": ED_NOTES,
        "follow_up": "Inarbetning av politiskt prioriterade delar av nämndernas återkoppling i regionplanen",
        "notes": PREP_NOTE,
        "posts": FINANCE_POSTS,
        "consumes": ["protokoll", "aterkopplingsrapport", "tjansteskrivelse"],
        "produces": ["minnesanteckningar"],
        "visibility": "internal",
    },
    {
        "key": "slutligt-forslag-regionplan",
        "go_ahead_from": "avstamning-styrdialoger",
        "kind": "meeting",
        "track": "preparation",
        "title": "Avstämning slutligt förslag till regionplan",
        "rule": "nth Y-1 05 1 mon",
        "adjust": "after",
        "participants": PREP_PARTICIPANTS_LATE,
        "chair_picks_majority": True,
        "purpose": (
            "Syftet är att den politiska majoriteten ska ges möjlighet att slutjustera och ge "
            "klartecken till Regiondirektörens förslag till Regionplan"
        ),
        "inputs": "Regiondirektörens förslag till Regionplan samt presentationsmaterial",
        "goal": (
            "Att erhålla klartecken från majoriteten för att kunna färdigställa ett slutligt "
            "förslag till regionplan"
        ),
        "documentation": ED_NOTES,
        "follow_up": (
            "Färdigställande och utskick av det slutliga förslaget till regionplan inför "
            "politisk behandling"
        ),
        "notes": PREP_NOTE,
        "posts": FINANCE_POSTS,
        "consumes": ["regionplan"],
        "produces": ["minnesanteckningar"],
        "visibility": "internal",
    },
    {
        "key": "regionplan",
        "kind": "phase",
        "track": "council_board",
        "title": "Regionplan med budget",
        "rule": "span offset kickoff +1d .. month Y-1 06",
        "election_rule": "span offset kickoff +1d .. month Y-1 11",
        "participants": "Regionfullmäktige",
        "purpose": (
            "Med planeringsförutsättningarna som utgångspunkt pekar regionfullmäktige ut den "
            "övergripande riktningen för organisationen i regionplanen. Planen innehåller "
            "övergripande mål för organisationen under mandatperioden samt riktade uppdrag och "
            "budget till nämnderna."
        ),
        "notes": (
            "Regionplanen beslutas normalt på fullmäktiges sista möte innan sommaren varje år "
            "med undantag för valår då tidplanen kan se annorlunda ut."
        ),
        "bodies": ["rf"],
        "consumes": ["planeringsforutsattningar"],
        "produces": ["regionplan"],
        "visibility": "public",
    },
    {
        "key": "namndsplaner",
        "kind": "phase",
        "track": "committees",
        "title": "Nämndernas planer",
        "rule": "span month Y-1 04 .. date Y-1 10-15",
        "election_rule": "span month Y-1 04 .. date Y-1 12-15",
        "participants": "Nämnderna",
        "purpose": (
            "Med regionplanen som grund bryter varje nämnd ner de mål och den budget som "
            "fullmäktige beslutat om. Planen innehåller delmål och uppföljning samt den budget "
            "som fördelats till nämnden."
        ),
        "notes": (
            "Arbetet börjar redan under våren och respektive nämnd fattar beslut om sin plan "
            "senast i mitten på oktober med undantag för valår."
        ),
        "bodies": COMMITTEES,
        "consumes": ["regionplan"],
        "produces": ["namndsplan"],
        "visibility": "public",
    },
    {
        "key": "verksamheternas-planering",
        "kind": "phase",
        "track": "operations",
        "title": "Verksamheternas planering",
        "rule": "span month Y-1 10 .. month Y-1 12",
        "participants": "Verksamhets- och avdelningschefer, medarbetare och stödfunktioner",
        "purpose": (
            "När nämndernas planer är beslutade är det dags för verksamheterna att planera sin "
            "budget. Under oktober, november och december tar alla verksamhets- och "
            "avdelningschefer fram planer för det kommande året."
        ),
        "posts": ["operations_manager", "department_manager"],
        "consumes": ["namndsplan"],
        "produces": ["verksamhetsplan"],
        "visibility": "public",
    },
    {
        "key": "samverkan",
        "kind": "consultation",
        "track": "operations",
        "title": "Samverkan av verksamhetsplaner och budget",
        "rule": "month Y-1 12",
        "participants": "Verksamhetschefer och fackliga organisationer",
        "purpose": "Verksamhetsplanerna och budgeten ska också samverkas med facket innan de blir godkända.",
        "posts": ["operations_manager"],
        "consumes": ["verksamhetsplan"],
        "visibility": "public",
    },
]

# The seeds' own dates for budget year 2022 (tests hold the demo to them).
SEED_DATES_2022 = {
    "lagesavstamning": dt.date(2020, 12, 11),
    "omvarld-ekonomiskt-utrymme": dt.date(2021, 1, 19),
    "avstamning-planeringsforutsattningar": dt.date(2021, 1, 29),
    "kickoff": dt.date(2021, 2, 10),
    "planeringsdag": dt.date(2021, 2, 22),
    "underlag-till-namnd": dt.date(2021, 3, 18),
    "aterkopplingsrapport": dt.date(2021, 4, 16),
    "styrdialoger": dt.date(2021, 4, 20),
    "avstamning-styrdialoger": dt.date(2021, 4, 21),
    "slutligt-forslag-regionplan": dt.date(2021, 5, 3),
}
