"""An eighth set of development queries for the search of LIV, written on 2026-12-07.

Written on 2026-12-07 by a helper session that saw none of the other query sets, nor the synonym list, the search
code, its documentation, the tests or any result: not queries_source.py, queries.json, the queries of
dev_queries_source.py to dev7_queries_source.py, dev_queries.json to dev7_queries.json (nor any other
*_queries.json), fixtures/vocabularies/, services/, docs/, tests/, bench/results/, bench/search_quality.py nor
/tmp/lab; it ran no search and no benchmark, and did not run the Django app. It read only
fixtures/evaluation/guidance_services.json (the 173 services the queries are answered from), the reference CSVs of
fixtures/reference/ (municipalities, regions, ELY centres, vitality centres, employment areas),
/work/shared/GLOSSARY.md, /work/shared/FIELD.md, build_queries.py (whole: the format, the kinds, the "@" expansion
rules, how a source module is read) and, for the format only, the module docstring and the shape of the LISTS and
QUERIES definitions of dev7_queries_source.py (its first 75 lines, the names it defines and the first query tuple,
not its queries; the lists below were drawn up anew from the fixture). It ran build_queries.py --dev8 only to check
that this module builds.

The queries were written from users' situations first: a laid-off factory worker in Kotka, a worker laid off in
Jakobstad, a builder whose back gave out, a nurse burned out in Oulu, a teacher at the end of her strength, a
Ukrainian mother in Lahti, an engineer from India following her husband to Espoo, a Syrian newcomer in Oulu, a
Swedish speaker moving to Åland with a partner, a 16-year-old in Närpes who wants out of school, a youngster on the
sofa since upper secondary school in Korsholm, a vocational-school dropout in Vantaa and another in Kemi, a young
person at home for two years in Joensuu, a parent whose child games all day, a parent after a summer job for a
15-year-old, a 9th grader left without a study place, a Sámi youth in Inari, a prisoner near release, a conscript,
a PhD in Turku with no job in sight, an international student at Aalto, a would-be entrepreneur in Tampere or
Jyväskylä, a single mother who wants to study, an adult who wants to finish upper secondary school, a service-sector
worker, a technology professional facing change negotiations, a young engineer, a person recovering from depression
in Kuopio, an adult with a foreign degree, a long-term unemployed person in Oulu, Tampere or Turku, a Swedish speaker
changing field in Turku, Raseborg, Kristinestad or Helsinki, and guidance practitioners in Lapland and
Ostrobothnia. They were then matched against the services of the fixture: the best answer first, then every other
answer a human judge would accept.

Kinds (all nine of build_queries.KINDS), weighted to the three that matter most: "abbreviation" (35: acronyms and
short forms people type for offices, schools, degrees, tests, benefits, unions and programmes: TE, TYP, Kela/FPA,
AMK/YAMK/UAS/YH, OPH/EDUFI, YKI, TUVA/Hux, HOKS, TET, TMT, Jotpa, ELY/NTM, AMS, RPL, PhD, NEET, PAM, TEK, OSAO,
some with Finnish case endings and some lower-case), "cross_language" (35: English or Swedish queries for services
written mainly in Finnish, Finnish or English ones for Swedish-language services), "colloquial" (30: spoken Finnish
and Finland-Swedish, slang, informal English by natives and immigrants, with case endings and compounds), and eight
or nine each of "keyword", "question", "typo", "place" (a kind of service and a town, or a town alone), "area"
(regions, vitality centres, employment areas) and "finnish_only" (English or Swedish queries whose only right
answers have Finnish text only). 150 queries: 61 in Finnish, 49 in English, 40 in Swedish. Same format and rules as
queries_source.py (see build_queries.py).
"""

LISTS: dict[str, list[str]] = {
    # Local services for starting a business (the nationwide phone service first).
    "BUSINESS": [
        "yritys-suomi-neuvonta",
        "jyvaskyla-uusyrityskeskus",
        "tampere-yrittajyysneuvonta",
        "ita-suomi-yritysneuvonta",
    ],
    # Outreach youth work: someone who comes to a young person left out of school and work.
    "OUTREACH": [
        "espoo-etsiva-nuorisotyo",
        "kemi-etsiva-nuorisotyo",
        "korsholm-uppsokande-ungdomsarbete",
    ],
    # Registering as a jobseeker: the national user support, then the local desks that help you start.
    "REGISTER": [
        "tyomarkkinatori-asiakastuki",
        "helsinki-tyonhaun-aloitus",
        "vantaa-tyollisyys-asiakaspalvelu",
        "jyvaskyla-tyollisyys-neuvonta",
        "tampere-tyonhakijan-palvelut",
        "kainuu-tyollisyys-neuvonta",
        "porvoo-tyollisyys-neuvonta",
        "jakobstad-jobbsokning",
        "meri-lappi-tyollisyys",
    ],
    # Vocational rehabilitation when health stops the old job.
    "REHAB": [
        "kela-ammatillinen-kuntoutus",
        "oulu-kuntoutusselvitys",
    ],
    # Applying to a university of applied sciences as an applicant (not a student's own career service).
    "UAS_ADMISSIONS": [
        "tamk-hakijapalvelut",
        "savonia-hakuneuvonta",
        "metropolia-opinto-ohjaus",
        "lab-avoin-amk",
        "opintopolku-hakuneuvonta",
    ],
}

QUERIES: dict[str, list[tuple[str, str, list[str]]]] = {
    "keyword": [
        ("fi", "alanvaihto psykologi joensuu", ["pohjois-karjala-uraohjaus"]),
        ("fi", "työkokeilu palkkatuki vantaa", ["vantaa-tyollisyys-asiakaspalvelu"]),
        ("fi", "vertaisryhmä naisille suomen kieli työelämä", ["maahanmuuttajanaisten-uraneuvonta"]),
        ("fi", "kausityö matkailu rovaniemi", ["rovaseutu-tyonhaku"]),
        ("en", "internship support Rovaniemi university", ["lapin-yliopisto-urapalvelut"]),
        ("en", "alumni mentoring Oulu students", ["oulun-yliopisto-urapalvelut", "oamk-urapalvelut"]),
        ("en", "summer job rights pay contract", ["kaupan-nuoret-kesatyoinfo", "helsinki-kesatyoneuvonta"]),
        ("sv", "praktikplats mentorprogram handelshögskola", ["hanken-karriar"]),
        ("sv", "distansstudier vuxna Kaskö", ["kristinestad-vuxenvagledning"]),
    ],
    "question": [
        (
            "fi",
            "mistä saan apua kun en tiedä mille alalle hakisin oulussa?",
            ["oulu-ammatinvalintapsykologi", "ohjaamo-oulu", "osao-hakeutuminen"],
        ),
        (
            "fi",
            "voiko työttömänä opiskella ilman että päiväraha lähtee?",
            ["mikkeli-koulutusneuvonta", "turku-koulutusneuvonta"],
        ),
        ("fi", "kuka auttaa saamenkielistä nuorta valitsemaan koulutuksen?", ["inari-saamelaisnuorten-ohjaus"]),
        (
            "fi",
            "mihin voin mennä peruskoulun jälkeen jos en päässyt yhteishaussa mihinkään?",
            ["vantaa-tuva-neuvonta", "espoo-yhteishakuinfo", "opintopolku-hakuneuvonta"],
        ),
        ("en", "Can I finish high school as an adult in Helsinki?", ["helsinki-aikuislukio"]),
        (
            "en",
            "Who decides if my engineering degree from India counts in Finland?",
            ["oph-tutkintojen-tunnustaminen"],
        ),
        (
            "en",
            "Where can a Ukrainian in Tampere get advice in her own language?",
            ["tampere-maahanmuuttajien-neuvonta"],
        ),
        (
            "sv",
            "Var kan jag få hjälp att planera studier i Sverige efter gymnasiet i Åbo?",
            ["katedralskolan-abo"],
        ),
        ("sv", "Hur startar jag eget företag och får startpeng?", ["@BUSINESS"]),
    ],
    "colloquial": [
        ("fi", "oon ollu kaks vuotta kotona enkä tiiä mitä tekis joensuu", ["ohjaamo-joensuu", "ohjaamo-chat"]),
        (
            "fi",
            "potkut tuli tehtaalta kotkassa mitä nyt",
            ["tyomarkkinatori-asiakastuki", "kaakkois-suomi-tyovoimakoulutus", "ekami-hakijapalvelut"],
        ),
        ("fi", "mist saa kesäduunii 16v oulu", ["oulu-kesatyoneuvonta", "ohjaamo-oulu"]),
        (
            "fi",
            "amis jäi kesken vantaalla mitä nyt",
            ["ohjaamo-vantaa", "varia-opinto-ohjaus", "vantaa-tuva-neuvonta"],
        ),
        ("fi", "yhteishaku stressaa kuka auttaa täyttää", ["opintopolku-hakuneuvonta", "espoo-yhteishakuinfo"]),
        ("fi", "selkä meni rakennushommissa mitä duunia vielä voi tehdä", ["@REHAB"]),
        (
            "fi",
            "duunit loppu tampereella pitäis keksii uus ala",
            ["tampere-uraohjaus", "tampere-tyonhakijan-palvelut"],
        ),
        (
            "fi",
            "hoitsu ihan burnoutis oulus pitäis vaihtaa alaa",
            ["oulu-ammatinvalintapsykologi", "kela-ammatillinen-kuntoutus", "oulu-kuntoutusselvitys"],
        ),
        (
            "fi",
            "opo aikuiselle stadissa",
            ["helsingin-tyovaenopisto-opintoneuvonta", "helsinki-aikuislukio", "stadin-ao-hakuneuvonta"],
        ),
        (
            "fi",
            "oma firma pystyyn ja starttirahaa tampereella",
            ["tampere-yrittajyysneuvonta", "yritys-suomi-neuvonta"],
        ),
        ("fi", "intin jälkeen mitä opiskelis", ["varusmiesten-uraohjaus"]),
        ("fi", "linnasta vapautuu pian ja peruskoulu kesken", ["vankien-opinto-ohjaus"]),
        (
            "fi",
            "kemissä ei oo mitään tekemistä ku pudotin koulusta",
            ["kemi-etsiva-nuorisotyo", "ohjaamo-meri-lappi", "lappia-opinto-ohjaus"],
        ),
        (
            "fi",
            "masiksen jälkeen takas duuniin kuopio",
            ["klubitalo-kuopio", "kuopio-uraohjaus", "kela-ammatillinen-kuntoutus"],
        ),
        ("fi", "opettajana ihan loppu mitä muuta vois tehä", ["opettajien-liitto-uraneuvonta"]),
        (
            "en",
            "my husband got job in espoo, im engineer from india, how i find work here",
            [
                "espoo-kotoutumisen-ohjaus",
                "espoo-tyonhakuvalmennus",
                "helsinki-kansainvalisten-osaajien-neuvonta",
                "oph-tutkintojen-tunnustaminen",
            ],
        ),
        (
            "en",
            "ukrainian mom in lahti need finnish lessons then job",
            ["lahti-kotoutumiskoulutus-neuvonta", "lahti-tyonhaku"],
        ),
        ("en", "my kid dropped out and just games all day", ["ohjaamo-chat", "@OUTREACH"]),
        ("en", "got sacked today how do i sign on", ["@REGISTER"]),
        ("en", "wanna start my own biz, who helps w the paperwork", ["@BUSINESS"]),
        (
            "en",
            "17 and need a summer gig in helsinki",
            ["helsinki-kesatyoneuvonta", "ohjaamo-helsinki"],
        ),
        ("en", "finished my phd in turku, no clue what jobs outside academia", ["utu-urapalvelut"]),
        ("en", "from syria, where learn finnish free in oulu", ["oulu-kotoutumisen-ohjaus"]),
        (
            "sv",
            "vill int gå i skolan mera, bor i Närpes",
            ["yrkesakademin-studiehandledning", "osterbotten-yrkesvalsvagledning", "ohjaamo-chat"],
        ),
        ("sv", "ja vet int va ja ska bli, Jakobstad", ["navigatorn-jakobstad", "optima-studiehandledning"]),
        ("sv", "sommarjobb åt min 15-åring i Helsingfors", ["helsinki-kesatyoneuvonta", "ohjaamo-helsinki"]),
        ("sv", "permitterad från fabriken i Jakobstad, va gör ja nu", ["jakobstad-jobbsokning"]),
        (
            "sv",
            "sitter hemma på soffan sen gymnasiet, Korsholm",
            ["korsholm-uppsokande-ungdomsarbete", "navigatorn-vasa"],
        ),
        (
            "sv",
            "byta bransch som vuxen, nån som ger råd på svenska i Åbo",
            ["turku-koulutusneuvonta", "axxell-studiehandledning", "oppisopimus-turku"],
        ),
        ("sv", "flyttat till Åland med sambon, hur hittar ja jobb", ["alands-integration"]),
    ],
    "abbreviation": [
        ("fi", "TE:hen ilmottautuminen lahdessa", ["lahti-tyonhaku", "tyomarkkinatori-asiakastuki"]),
        ("fi", "TYP:n asiakkaaksi oulussa", ["typ-oulu"]),
        ("fi", "Kelan kuntoutusraha uudelleenkoulutus", ["@REHAB"]),
        ("fi", "AMK:hon hakeminen aikuisena", ["@UAS_ADMISSIONS"]),
        ("fi", "YAMK tampere", ["tamk-hakijapalvelut"]),
        ("fi", "ulkomaan tutkinto OPH", ["oph-tutkintojen-tunnustaminen"]),
        ("fi", "YKI-testi tampere", ["tampere-aikuisten-opintoneuvonta"]),
        ("fi", "tuva-koulutus", ["vantaa-tuva-neuvonta", "espoo-yhteishakuinfo"]),
        ("fi", "hoks vaasa", ["vamia-opinto-ohjaus", "yrkesakademin-studiehandledning"]),
        ("fi", "Lapin ELYn ELO-koulutukset ohjaajille", ["lappi-elo-verkosto"]),
        ("fi", "Jotpa lyhytkoulutus työn ohessa", ["jotpa-jatkuvan-oppimisen-neuvonta"]),
        ("fi", "TMT kirjautuminen ei toimi", ["tyomarkkinatori-asiakastuki"]),
        ("fi", "PAM uraneuvonta", ["palvelualojen-liitto-uraneuvonta"]),
        ("fi", "TEK uravalmennus muutosneuvottelut", ["tekniikan-liitto-uravalmennus"]),
        ("fi", "osaoon haku aikuisena", ["osao-hakeutuminen"]),
        ("fi", "tet-paikka 8.lk kuopio", ["kuopio-oppilaanohjaus"]),
        (
            "fi",
            "yh-äiti haluu opiskelemaan tampere",
            ["tampere-aikuisten-opintoneuvonta", "tampere-uraohjaus", "tredu-hakijapalvelut"],
        ),
        ("en", "KELA vocational rehab", ["@REHAB"]),
        (
            "en",
            "EDUFI degree recognition",
            ["oph-tutkintojen-tunnustaminen", "joensuu-maahanmuuttajien-koulutusneuvonta"],
        ),
        ("en", "YKI exam Finnish intermediate level", ["tampere-aikuisten-opintoneuvonta"]),
        ("en", "open UAS courses Helsinki", ["metropolia-opinto-ohjaus"]),
        ("en", "UAS admissions Kuopio", ["savonia-hakuneuvonta"]),
        ("en", "RPL vocational qualification Turku", ["turun-ammatti-instituutti"]),
        ("en", "RPL Jyväskylä adults", ["jyvaskyla-osaamiskartoitus", "gradia-opinto-ohjaus"]),
        ("en", "TE office Espoo english", ["espoo-tyonhakuvalmennus", "tyomarkkinatori-asiakastuki"]),
        ("en", "PhD career services Turku", ["utu-urapalvelut"]),
        ("en", "NEET support Espoo", ["espoo-etsiva-nuorisotyo", "ohjaamo-espoo"]),
        ("sv", "FPA rehab byta yrke", ["kela-ammatillinen-kuntoutus"]),
        ("sv", "NTM-centralen Österbotten integration kommuner", ["osterbotten-integration-koordinering"]),
        ("sv", "AMS Mariehamn byta yrke", ["alands-yrkesgymnasium", "alands-integration"]),
        ("sv", "TE-byrån Borgå", ["porvoo-tyollisyys-neuvonta"]),
        ("sv", "TE-byrån Jakobstad anmäla sig", ["jakobstad-jobbsokning"]),
        ("sv", "FPA:s handläggare för unga Helsingfors", ["ohjaamo-helsinki"]),
        ("sv", "YH Jakobstad studiehandledning", ["centria-opinto-ohjaus"]),
        ("sv", "Hux Esbo", ["espoo-yhteishakuinfo", "vantaa-tuva-neuvonta"]),
    ],
    "typo": [
        ("fi", "ammatinvalintapsykolgi helsinki", ["helsinki-ammatinvalinta"]),
        ("fi", "oppisopimsu tampere", ["oppisopimus-tampere"]),
        ("fi", "kotoutumisuunnitelma vantaa", ["vantaa-alkukartoitus"]),
        ("fi", "tyonhakuvalmennus iisalmi", ["yla-savo-tyonhakuvalmennus"]),
        ("fi", "etsiva nuorisotyo espo", ["espoo-etsiva-nuorisotyo"]),
        ("en", "apprentiseship helsinki", ["oppisopimus-helsinki"]),
        ("en", "carreer servises univeristy oulu", ["oulun-yliopisto-urapalvelut"]),
        ("sv", "studiehanledning Jakobstad yrkesutbilding", ["optima-studiehandledning"]),
    ],
    "place": [
        ("fi", "Kajaani", ["@place:Kajaani"]),
        ("fi", "opinto-ohjaus Rovaniemellä", ["@type:study-guidance&place:Rovaniemi"]),
        ("fi", "ohjausta Iisalmessa", ["@place:Iisalmi"]),
        ("fi", "apua ulkomaalaiselle Kuopiossa", ["kuopio-maahanmuuttajapalvelut"]),
        ("en", "guidance services in Pori", ["@place:Pori"]),
        ("en", "Joensuu", ["@place:Joensuu"]),
        ("sv", "Borgå", ["@place:Porvoo"]),
        ("sv", "studiehandledning Karleby", ["@type:study-guidance&place:Kokkola"]),
    ],
    "area": [
        ("fi", "Keski-Pohjanmaa", ["@region:Keski-Pohjanmaa"]),
        (
            "fi",
            "koulutusta työttömälle Kaakkois-Suomen elinvoimakeskuksen alueella",
            [
                "kaakkois-suomi-tyovoimakoulutus",
                "kouvola-tyollisyys-neuvonta",
                "lahti-tyonhaku",
                "ekami-hakijapalvelut",
                "salpaus-opinto-ohjaus",
                "sampo-opinto-ohjaus",
            ],
        ),
        ("fi", "yrityksen perustaminen Itä-Suomi", ["ita-suomi-yritysneuvonta", "@type:business-advice&centre:06"]),
        (
            "fi",
            "kainuun nuoret ohjaus",
            ["ohjaamo-kajaani", "kajaani-nuorten-tyopaja", "kao-opinto-ohjaus"],
        ),
        (
            "en",
            "career guidance North Karelia",
            ["pohjois-karjala-uraohjaus", "@type:career-guidance&region:Pohjois-Karjala"],
        ),
        (
            "sv",
            "yrkesutbildning studiehandledning Österbotten",
            ["yrkesakademin-studiehandledning", "optima-studiehandledning", "vamia-opinto-ohjaus", "laroavtal-vasa"],
        ),
        ("sv", "Västnyland arbetssökande", ["raseborg-karriarvagledning", "axxell-studiehandledning"]),
        ("sv", "vägledning för unga Egentliga Finland", ["ohjaamo-turku", "ohjaamo-salo", "turku-nuorten-mentorointi"]),
    ],
    "cross_language": [
        (
            "en",
            "burnt out nurse thinking of changing career Helsinki",
            ["helsinki-ammatinvalinta", "helsingin-tyovaenopisto-opintoneuvonta"],
        ),
        ("en", "learn a trade while getting paid Turku", ["oppisopimus-turku"]),
        ("en", "Swedish-language upper secondary Turku study counsellor", ["katedralskolan-abo"]),
        ("en", "adult study advice in Swedish Helsinki", ["arbis-studievagledning"]),
        ("en", "youth outreach Korsholm", ["korsholm-uppsokande-ungdomsarbete", "navigatorn-vasa"]),
        ("en", "apprenticeship Ostrobothnia in Swedish", ["laroavtal-vasa"]),
        ("en", "register as jobseeker Jakobstad", ["jakobstad-jobbsokning"]),
        ("en", "Kristinestad adult courses distance learning", ["kristinestad-vuxenvagledning"]),
        ("en", "career counselling for unemployed in Raseborg", ["raseborg-karriarvagledning"]),
        ("en", "studying in Sweden after high school Mariehamn", ["alands-lyceum"]),
        (
            "en",
            "which vocational field to choose Jakobstad Swedish school",
            ["optima-studiehandledning", "navigatorn-jakobstad"],
        ),
        ("en", "vocational school applications Porvoo Loviisa", ["careeria-hakuneuvonta"]),
        ("en", "study counsellor applied sciences Kokkola", ["centria-opinto-ohjaus"]),
        ("en", "labour market training for unemployed Turku", ["turku-koulutusneuvonta"]),
        ("en", "jobseeker advice Porvoo", ["porvoo-tyollisyys-neuvonta"]),
        ("sv", "läroavtal Tammerfors", ["oppisopimus-tampere"]),
        ("sv", "arbetssökande rådgivning Kouvola", ["kouvola-tyollisyys-neuvonta"]),
        ("sv", "rådgivning på ukrainska Tammerfors", ["tampere-maahanmuuttajien-neuvonta"]),
        ("sv", "sommarjobb ungdom Uleåborg", ["ohjaamo-oulu", "oulu-kesatyoneuvonta"]),
        ("sv", "söka till yrkesutbildning Tammerfors", ["tredu-hakijapalvelut"]),
        ("sv", "karriärtjänster Tammerfors universitet", ["tuni-urapalvelut"]),
        ("sv", "arbetsprövning lönesubvention Vanda", ["vantaa-tyollisyys-asiakaspalvelu"]),
        ("sv", "mentor för nyutexaminerade ingenjörer", ["insinoorit-mentorointi"]),
        (
            "sv",
            "invandrarkvinnor studier och jobb Helsingfors",
            ["maahanmuuttajanaisten-uraneuvonta", "helsinki-kansainvalisten-osaajien-neuvonta"],
        ),
        ("sv", "starta eget Jyväskylä rådgivning", ["jyvaskyla-uusyrityskeskus", "yritys-suomi-neuvonta"]),
        ("sv", "yrkesutbildning med mycket stöd funktionsnedsättning", ["luovi-erityinen-tuki"]),
        ("sv", "klubbhus psykisk ohälsa Kuopio", ["klubitalo-kuopio"]),
        ("fi", "ruotsinkielinen ammattikoulu Närpiö", ["yrkesakademin-studiehandledning"]),
        ("fi", "ruotsinkielinen lukio vaasa opo", ["vasa-gymnasium"]),
        ("fi", "töihin ahvenanmaalle muutto ruotsin kieli", ["alands-integration"]),
        ("fi", "aikuisopiskelu ruotsiksi helsinki", ["arbis-studievagledning"]),
        ("fi", "uraneuvonta liiton jäsenelle ruotsiksi", ["fackforbund-karriarradgivning"]),
        ("fi", "alanvaihto ammattikoulu ruotsiksi parainen", ["axxell-studiehandledning"]),
        ("fi", "kauppakorkeakoulu uraohjaus vaasa ruotsiksi", ["hanken-karriar", "uwasa-urapalvelut"]),
        ("fi", "ammatinvalintapsykologi ruotsiksi närpiö", ["osterbotten-yrkesvalsvagledning"]),
    ],
    "finnish_only": [
        ("en", "career psychologist Oulu", ["oulu-ammatinvalintapsykologi", "oulu-kuntoutusselvitys"]),
        ("en", "youth workshop woodwork café Kajaani", ["kajaani-nuorten-tyopaja"]),
        ("en", "jobs on the Swedish side from Tornio Kemi", ["meri-lappi-tyollisyys"]),
        ("en", "studying while in prison", ["vankien-opinto-ohjaus"]),
        ("en", "list of labour market training courses Kymenlaakso", ["kaakkois-suomi-tyovoimakoulutus"]),
        ("sv", "läroavtal Jyväskylä", ["oppisopimus-jyvaskyla"]),
        (
            "sv",
            "grundskola för vuxna invandrare Joensuu",
            ["joensuu-aikuisten-perusopetus", "joensuu-maahanmuuttajien-koulutusneuvonta"],
        ),
        ("sv", "yrkesvalsvägledning Seinäjoki", ["tyolakeus-uraohjaus"]),
    ],
}
