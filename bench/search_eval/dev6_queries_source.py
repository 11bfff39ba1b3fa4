"""A sixth set of development queries for the search of LIV, written on 2026-12-07.

Written on 2026-12-07 by a helper session that saw none of the other query sets, nor the synonym list, the search
code, its documentation, the tests or any result: not queries_source.py, queries.json, the queries of
dev_queries_source.py to dev5_queries_source.py, dev_queries.json to dev5_queries.json, fixtures/vocabularies/,
services/, docs/, tests/, bench/results/ nor bench/search_quality.py; it ran no search and no benchmark. It read
only fixtures/evaluation/guidance_services.json (the 173 services the queries are answered from), the reference
CSVs of fixtures/reference/ (municipalities, regions, ELY centres, vitality centres, employment areas),
/work/shared/GLOSSARY.md, /work/shared/FIELD.md, build_queries.py (for the format and the "@" expansion rules) and
the module docstring and named lists of dev5_queries_source.py (for the style only; the lists below were drawn up
anew from the fixture).

The queries were written from users' situations first: a 9th grader and a parent wondering what comes after
comprehensive school, a pupil looking for a TET place, a 15-year-old after a summer job, a youngster who was left
without a study place in the joint application, a school dropout and the dropout's parent, a young person taking a
gap year with no idea what to do, a conscript, a lukio student heading for a university of applied sciences,
a university student and a fresh graduate, an unemployed adult registering as a jobseeker, a laid-off worker,
someone fired, a long-term unemployed person, someone changing careers at 45 or 50, a burned-out teacher, a person
whose back or health no longer allows the old job, a person with partial work ability or in mental-health
rehabilitation, a would-be entrepreneur after the start-up grant, a prisoner, an immigrant learning Finnish, an
immigrant with a foreign degree, a refugee adult without a school certificate, an expat's spouse, a newcomer to
Åland, a Sámi youth in Inari, Swedish speakers in Vaasa, Jakobstad, Kokkola, Kristinestad, Raseborg, Porvoo, Turku
and Helsinki, English-speaking newcomers, rural residents of Lapland, Kainuu and Ylä-Savo, union members and
guidance practitioners. They were then matched against the services of the fixture: the best answer first, then
every other answer a human judge would accept.

Kinds (all nine of build_queries.KINDS): "keyword" (the few words typed into a search box), "question" (whole
questions), "colloquial" (spoken Finnish and Finland-Swedish, slang, informal English), "abbreviation" (acronyms and
short forms of offices, schools, benefits and programmes, some with Finnish case endings), "typo" (swapped, missing
or doubled letters, missing umlauts, wrong vowels), "place" (a kind of service and a town, or a town alone, in the
query's language), "area" (regions, old ELY centres, vitality centres and employment areas, alone or with a kind of
service), "cross_language" (English or Swedish for services written mainly in Finnish, Finnish or English for
Swedish-language services) and "finnish_only" (English or Swedish queries whose only right answers have Finnish
text only). Same format and rules as queries_source.py (see build_queries.py).
"""

LISTS: dict[str, list[str]] = {
    # Ohjaamo / Navigatorn centres with a street address (the nationwide chat apart).
    "OHJAAMOT": [
        "ohjaamo-helsinki",
        "ohjaamo-espoo",
        "ohjaamo-vantaa",
        "ohjaamo-tampere",
        "ohjaamo-turku",
        "ohjaamo-oulu",
        "ohjaamo-jyvaskyla",
        "ohjaamo-kuopio",
        "ohjaamo-lahti",
        "ohjaamo-joensuu",
        "ohjaamo-pori",
        "ohjaamo-seinajoki",
        "ohjaamo-rovaniemi",
        "ohjaamo-hameenlinna",
        "ohjaamo-lappeenranta",
        "ohjaamo-kotka",
        "ohjaamo-mikkeli",
        "ohjaamo-kajaani",
        "ohjaamo-iisalmi",
        "ohjaamo-kokkola",
        "ohjaamo-salo",
        "ohjaamo-meri-lappi",
        "navigatorn-vasa",
        "navigatorn-jakobstad",
        "navigatorn-borga",
    ],
    # Navigatorn centres and the Ohjaamo centres that serve in Swedish.
    "OHJAAMOT_SV": [
        "navigatorn-vasa",
        "navigatorn-jakobstad",
        "navigatorn-borga",
        "ohjaamo-kokkola",
        "ohjaamo-helsinki",
        "ohjaamo-espoo",
        "ohjaamo-turku",
        "ohjaamo-tampere",
        "ohjaamo-chat",
    ],
    # Outreach youth work.
    "ETSIVA": ["espoo-etsiva-nuorisotyo", "kemi-etsiva-nuorisotyo", "korsholm-uppsokande-ungdomsarbete"],
    # Youth workshops.
    "TYOPAJAT": ["kajaani-nuorten-tyopaja", "hameenlinna-nuorten-tyopaja"],
    # For young people outside school and work.
    "NUORET_ULKOPUOLELLA": ["@ETSIVA", "@TYOPAJAT", "ohjaamo-chat", "@OHJAAMOT"],
    # Multisectoral joint services (TYP) for the long-term unemployed.
    "TYP": ["typ-tampere", "typ-turku", "typ-oulu", "typ-joensuu"],
    # Apprenticeship offices.
    "OPPISOPIMUS": [
        "oppisopimus-helsinki",
        "oppisopimus-tampere",
        "oppisopimus-turku",
        "oppisopimus-oulu",
        "oppisopimus-jyvaskyla",
        "laroavtal-vasa",
    ],
    # Study guidance and application advice of Finnish-language vocational institutions.
    "AMMATILLINEN_FI": [
        "omnia-hakijapalvelut",
        "stadin-ao-hakuneuvonta",
        "varia-opinto-ohjaus",
        "careeria-hakuneuvonta",
        "ekami-hakijapalvelut",
        "salpaus-opinto-ohjaus",
        "sampo-opinto-ohjaus",
        "tavastia-opinto-ohjaus",
        "tredu-hakijapalvelut",
        "turun-ammatti-instituutti",
        "sataedu-hakuneuvonta",
        "gradia-opinto-ohjaus",
        "sakky-hakijaneuvonta",
        "riveria-opinto-ohjaus",
        "sedu-hakijapalvelut",
        "vamia-opinto-ohjaus",
        "kpedu-opinto-ohjaus",
        "osao-hakeutuminen",
        "kao-opinto-ohjaus",
        "redu-hakeutuminen",
        "lappia-opinto-ohjaus",
    ],
    # Swedish-language vocational institutions.
    "AMMATILLINEN_SV": [
        "yrkesakademin-studiehandledning",
        "optima-studiehandledning",
        "axxell-studiehandledning",
        "alands-yrkesgymnasium",
    ],
    "AMMATILLINEN": ["@AMMATILLINEN_FI", "@AMMATILLINEN_SV", "luovi-erityinen-tuki"],
    # Vocational institutions that speak of the continuous application.
    "JATKUVA_HAKU": [
        "omnia-hakijapalvelut",
        "stadin-ao-hakuneuvonta",
        "sakky-hakijaneuvonta",
        "kpedu-opinto-ohjaus",
        "turun-ammatti-instituutti",
    ],
    # Career services of universities.
    "YLIOPISTO_URA": [
        "hy-urapalvelut",
        "aalto-career-services",
        "hanken-karriar",
        "tuni-urapalvelut",
        "utu-urapalvelut",
        "jyu-urapalvelut",
        "oulun-yliopisto-urapalvelut",
        "uef-urapalvelut",
        "uwasa-urapalvelut",
        "lapin-yliopisto-urapalvelut",
    ],
    # Admissions advice of universities of applied sciences.
    "AMK_HAKU": ["metropolia-opinto-ohjaus", "tamk-hakijapalvelut", "savonia-hakuneuvonta"],
    # Open university / open UAS studies.
    "AVOIN": ["avoin-yliopisto-neuvonta", "lab-avoin-amk", "metropolia-opinto-ohjaus"],
    # Municipal employment services' advice for jobseekers, and the national web desk.
    "TYOLLISYYS": [
        "tyomarkkinatori-asiakastuki",
        "helsinki-tyonhaun-aloitus",
        "vantaa-tyollisyys-asiakaspalvelu",
        "tampere-tyonhakijan-palvelut",
        "jyvaskyla-tyollisyys-neuvonta",
        "kouvola-tyollisyys-neuvonta",
        "lahti-tyonhaku",
        "satakunta-tyonhaku",
        "porvoo-tyollisyys-neuvonta",
        "jakobstad-jobbsokning",
        "keski-pohjanmaa-tyonhaku",
        "kainuu-tyollisyys-neuvonta",
        "meri-lappi-tyollisyys",
        "rovaseutu-tyonhaku",
        "kymppi-tyollisyys",
        "salo-tyollisyys",
    ],
    # Registering as a jobseeker: the services that name it first, then the rest.
    "TYONHAUN_ALOITUS": [
        "tyomarkkinatori-asiakastuki",
        "helsinki-tyonhaun-aloitus",
        "tampere-tyonhakijan-palvelut",
        "vantaa-tyollisyys-asiakaspalvelu",
        "@TYOLLISYYS",
    ],
    # Employment advice that is given in Swedish.
    "TYOLLISYYS_SV": [
        "tyomarkkinatori-asiakastuki",
        "helsinki-tyonhaun-aloitus",
        "porvoo-tyollisyys-neuvonta",
        "jakobstad-jobbsokning",
        "keski-pohjanmaa-tyonhaku",
    ],
    # Job search coaching (CV, applications, interviews).
    "TYONHAKUVALMENNUS": [
        "verkkovalmennus-tyonhakuun",
        "espoo-tyonhakuvalmennus",
        "oulu-tyonhakuvalmennus",
        "etela-karjala-tyonhakuvalmennus",
        "yla-savo-tyonhakuvalmennus",
        "lahti-tyonhaku",
        "satakunta-tyonhaku",
        "tampere-tyonhakijan-palvelut",
    ],
    # Guidance by a career (vocational) psychologist.
    "PSYKOLOGI": [
        "helsinki-ammatinvalinta",
        "oulu-ammatinvalintapsykologi",
        "osterbotten-yrkesvalsvagledning",
        "pohjois-karjala-uraohjaus",
        "tyolakeus-uraohjaus",
        "oulu-kuntoutusselvitys",
    ],
    # Career guidance for adults (jobseekers and people changing careers), not tied to a school or a union.
    "URAOHJAUS": [
        "helsinki-ammatinvalinta",
        "tampere-uraohjaus",
        "kuopio-uraohjaus",
        "salo-tyollisyys",
        "raseborg-karriarvagledning",
        "tyolakeus-uraohjaus",
        "pohjois-karjala-uraohjaus",
        "osterbotten-yrkesvalsvagledning",
        "oulu-ammatinvalintapsykologi",
        "rovaseutu-tyonhaku",
        "kymppi-tyollisyys",
    ],
    # Study advice for adults.
    "AIKUISOPINNOT": [
        "helsingin-tyovaenopisto-opintoneuvonta",
        "tampere-aikuisten-opintoneuvonta",
        "jotpa-jatkuvan-oppimisen-neuvonta",
        "turku-koulutusneuvonta",
        "mikkeli-koulutusneuvonta",
        "arbis-studievagledning",
        "kristinestad-vuxenvagledning",
        "avoin-yliopisto-neuvonta",
        "helsinki-aikuislukio",
    ],
    # Guidance for immigrants (the Ostrobothnian advice for practitioners left out).
    "KOTOUTUMINEN": [
        "espoo-kotoutumisen-ohjaus",
        "helsinki-kansainvalisten-osaajien-neuvonta",
        "vantaa-alkukartoitus",
        "tampere-maahanmuuttajien-neuvonta",
        "oulu-kotoutumisen-ohjaus",
        "lahti-kotoutumiskoulutus-neuvonta",
        "kuopio-maahanmuuttajapalvelut",
        "joensuu-maahanmuuttajien-koulutusneuvonta",
        "pori-maahanmuuttajainfo",
        "seinajoki-kotoutuminen",
        "vasa-integrationsinfo",
        "alands-integration",
        "maahanmuuttajanaisten-uraneuvonta",
    ],
    # Starting a business.
    "YRITTAJYYS": [
        "yritys-suomi-neuvonta",
        "tampere-yrittajyysneuvonta",
        "jyvaskyla-uusyrityskeskus",
        "ita-suomi-yritysneuvonta",
    ],
    # Summer jobs for young people.
    "KESATYO": ["helsinki-kesatyoneuvonta", "oulu-kesatyoneuvonta", "kaupan-nuoret-kesatyoinfo"],
    # Work ability, rehabilitation and support for people with partial work ability.
    "KUNTOUTUS": [
        "kela-ammatillinen-kuntoutus",
        "oulu-kuntoutusselvitys",
        "tampere-tyohonvalmennus-osatyokykyiset",
        "klubitalo-kuopio",
    ],
    # Career services of trade unions for their members.
    "LIITOT": [
        "palvelualojen-liitto-uraneuvonta",
        "tekniikan-liitto-uravalmennus",
        "opettajien-liitto-uraneuvonta",
        "sosiaaliala-urapalvelut",
        "fackforbund-karriarradgivning",
        "insinoorit-mentorointi",
    ],
    # Regional lifelong guidance groups and practitioners' networks.
    "ELO_VERKOSTOT": ["pohjois-suomi-elo-ryhma", "lappi-elo-verkosto", "sisa-suomi-ohjaustyon-verkosto"],
    # What comes after comprehensive school: joint application info.
    "YHTEISHAKU": ["espoo-yhteishakuinfo", "opintopolku-hakuneuvonta", "kuopio-oppilaanohjaus"],
}

QUERIES: dict[str, list[tuple[str, str, list[str]]]] = {
    "keyword": [
        ("fi", "oppisopimus", ["@OPPISOPIMUS"]),
        ("fi", "ammatinvalintapsykologi", ["@PSYKOLOGI"]),
        ("fi", "kesätyö nuorille", ["@KESATYO"]),
        (
            "fi",
            "ulkomainen tutkinto tunnustaminen",
            ["oph-tutkintojen-tunnustaminen", "joensuu-maahanmuuttajien-koulutusneuvonta"],
        ),
        ("fi", "starttiraha", ["@YRITTAJYYS"]),
        ("fi", "avoin yliopisto", ["avoin-yliopisto-neuvonta", "lab-avoin-amk", "metropolia-opinto-ohjaus"]),
        ("fi", "etsivä nuorisotyö", ["@ETSIVA"]),
        (
            "fi",
            "työvoimakoulutus haku",
            [
                "kaakkois-suomi-tyovoimakoulutus",
                "turku-koulutusneuvonta",
                "mikkeli-koulutusneuvonta",
                "jyvaskyla-tyollisyys-neuvonta",
                "tampere-tyonhakijan-palvelut",
            ],
        ),
        ("fi", "peruskoulu aikuisena", ["joensuu-aikuisten-perusopetus", "helsinki-aikuislukio"]),
        (
            "fi",
            "työkokeilu",
            ["vantaa-tyollisyys-asiakaspalvelu", "jyvaskyla-tyollisyys-neuvonta", "kela-ammatillinen-kuntoutus"],
        ),
        ("en", "apprenticeship", ["@OPPISOPIMUS"]),
        ("en", "job search coaching", ["@TYONHAKUVALMENNUS", "helsinki-kansainvalisten-osaajien-neuvonta"]),
        (
            "en",
            "integration plan",
            ["espoo-kotoutumisen-ohjaus", "vantaa-alkukartoitus", "seinajoki-kotoutuminen", "@KOTOUTUMINEN"],
        ),
        ("en", "vocational rehabilitation", ["@KUNTOUTUS"]),
        ("en", "advice for conscripts", ["varusmiesten-uraohjaus"]),
        ("sv", "läroavtal", ["laroavtal-vasa", "oppisopimus-turku", "oppisopimus-helsinki", "@OPPISOPIMUS"]),
        (
            "sv",
            "studievägledning vuxna",
            [
                "arbis-studievagledning",
                "kristinestad-vuxenvagledning",
                "turku-koulutusneuvonta",
                "jotpa-jatkuvan-oppimisen-neuvonta",
                "avoin-yliopisto-neuvonta",
                "yrkesakademin-studiehandledning",
                "axxell-studiehandledning",
            ],
        ),
        ("sv", "uppsökande ungdomsarbete", ["korsholm-uppsokande-ungdomsarbete", "@ETSIVA"]),
    ],
    "question": [
        ("fi", "miten pääsen opiskelemaan aikuisena", ["@AIKUISOPINNOT"]),
        (
            "fi",
            "mitä teen jos en päässyt yhteishaussa mihinkään",
            ["vantaa-tuva-neuvonta", "opintopolku-hakuneuvonta", "@JATKUVA_HAKU", "ohjaamo-chat", "@OHJAAMOT"],
        ),
        ("fi", "mistä saan apua kun jään työttömäksi", ["@TYONHAUN_ALOITUS"]),
        ("fi", "voiko ammatin opiskella töissä ja saada samalla palkkaa", ["@OPPISOPIMUS"]),
        (
            "fi",
            "mihin ammattiin voin vaihtaa kun selkä ei enää kestä nykyistä työtä",
            ["oulu-kuntoutusselvitys", "kela-ammatillinen-kuntoutus", "@PSYKOLOGI"],
        ),
        (
            "fi",
            "miten ulkomailla suoritettu tutkinto hyväksytään suomessa",
            ["oph-tutkintojen-tunnustaminen", "joensuu-maahanmuuttajien-koulutusneuvonta"],
        ),
        ("fi", "mitä ysin jälkeen, missä on infoa vanhemmille", ["@YHTEISHAKU"]),
        ("fi", "kuka auttaa perustamaan oman yrityksen", ["@YRITTAJYYS"]),
        ("fi", "miten haen ammattikorkeakouluun lukion jälkeen", ["@AMK_HAKU", "opintopolku-hakuneuvonta"]),
        ("fi", "mitä teen armeijan jälkeen, opiskelemaan vai töihin", ["varusmiesten-uraohjaus"]),
        ("en", "who can help me figure out what kind of job suits me", ["@URAOHJAUS", "oulu-kuntoutusselvitys"]),
        (
            "en",
            "how do I learn Finnish after moving to Finland",
            ["lahti-kotoutumiskoulutus-neuvonta", "@KOTOUTUMINEN"],
        ),
        (
            "en",
            "can my spouse get career help after we moved to Helsinki",
            ["helsinki-kansainvalisten-osaajien-neuvonta", "maahanmuuttajanaisten-uraneuvonta"],
        ),
        ("en", "how do I sign up as unemployed", ["@TYONHAUN_ALOITUS"]),
        (
            "en",
            "is there help for young people who dropped out of school",
            ["@NUORET_ULKOPUOLELLA", "tredu-hakijapalvelut"],
        ),
        ("en", "can I take university courses without being admitted", ["@AVOIN"]),
        (
            "sv",
            "hur söker jag till yrkesutbildning på svenska",
            ["@AMMATILLINEN_SV", "stadin-ao-hakuneuvonta", "careeria-hakuneuvonta"],
        ),
        (
            "sv",
            "var får jag hjälp att byta yrke",
            [
                "helsinki-ammatinvalinta",
                "osterbotten-yrkesvalsvagledning",
                "raseborg-karriarvagledning",
                "arbis-studievagledning",
                "fackforbund-karriarradgivning",
                "yrkesakademin-studiehandledning",
                "axxell-studiehandledning",
            ],
        ),
    ],
    "colloquial": [
        ("fi", "työkkäri", ["@TYONHAUN_ALOITUS"]),
        ("fi", "amikseen hakeminen", ["@AMMATILLINEN", "opintopolku-hakuneuvonta"]),
        ("fi", "duunia nuorelle", ["@OHJAAMOT", "ohjaamo-chat", "@KESATYO"]),
        ("fi", "kesis hakemus apua", ["@KESATYO"]),
        (
            "fi",
            "en tiiä mitä isona haluun tehdä",
            ["@OHJAAMOT", "ohjaamo-chat", "oulu-ammatinvalintapsykologi", "turku-nuorten-mentorointi"],
        ),
        ("fi", "koulu jäi kesken mitä nyt", ["@NUORET_ULKOPUOLELLA", "tredu-hakijapalvelut"]),
        ("fi", "ei oo ollu töitä vuosiin", ["@TYP", "@TYOLLISYYS"]),
        ("fi", "yrittäjäks ryhtyminen", ["@YRITTAJYYS"]),
        ("fi", "cv:n väsäys apua", ["@TYONHAKUVALMENNUS", "hy-urapalvelut", "tekniikan-liitto-uravalmennus"]),
        (
            "fi",
            "lomautettu, mitä nyt",
            [
                "vantaa-tyollisyys-asiakaspalvelu",
                "helsinki-tyonhaun-aloitus",
                "kouvola-tyollisyys-neuvonta",
                "@TYONHAUN_ALOITUS",
            ],
        ),
        ("fi", "pajalle nuori", ["@TYOPAJAT"]),
        ("fi", "mamu kielikurssi", ["lahti-kotoutumiskoulutus-neuvonta", "@KOTOUTUMINEN"]),
        (
            "en",
            "need a job asap just moved here",
            ["helsinki-kansainvalisten-osaajien-neuvonta", "@KOTOUTUMINEN", "tyomarkkinatori-asiakastuki"],
        ),
        ("en", "fix my cv", ["@TYONHAKUVALMENNUS", "hy-urapalvelut", "tekniikan-liitto-uravalmennus"]),
        ("en", "my kid dropped out what now", ["@NUORET_ULKOPUOLELLA"]),
        (
            "en",
            "burnt out teacher wanna quit",
            ["opettajien-liitto-uraneuvonta", "helsinki-ammatinvalinta", "@URAOHJAUS"],
        ),
        (
            "sv",
            "plugga vidare som vuxen",
            ["@AIKUISOPINNOT", "yrkesakademin-studiehandledning", "axxell-studiehandledning"],
        ),
        (
            "sv",
            "vet int vad ja ska plugga",
            ["@OHJAAMOT_SV", "osterbotten-yrkesvalsvagledning", "@AMMATILLINEN_SV"],
        ),
        ("sv", "fick sparken, vad gör ja nu", ["@TYOLLISYYS_SV", "@TYOLLISYYS"]),
        ("sv", "sommarjobb åt min 15-åring", ["@KESATYO"]),
    ],
    "abbreviation": [
        ("fi", "TE-toimisto", ["@TYONHAUN_ALOITUS"]),
        ("fi", "TE:stä apua työnhakuun", ["@TYOLLISYYS", "@TYONHAKUVALMENNUS"]),
        ("fi", "TYP", ["@TYP"]),
        ("fi", "AMK:hon hakeminen", ["@AMK_HAKU", "opintopolku-hakuneuvonta"]),
        (
            "fi",
            "YAMK työn ohessa",
            [
                "savonia-hakuneuvonta",
                "tamk-hakijapalvelut",
                "metropolia-opinto-ohjaus",
                "jotpa-jatkuvan-oppimisen-neuvonta",
            ],
        ),
        ("fi", "OSAO haku", ["osao-hakeutuminen"]),
        ("fi", "TUVA", ["vantaa-tuva-neuvonta", "espoo-yhteishakuinfo"]),
        ("fi", "Kelan kuntoutus", ["kela-ammatillinen-kuntoutus", "oulu-kuntoutusselvitys"]),
        ("fi", "TET-paikka", ["kuopio-oppilaanohjaus"]),
        ("fi", "OPH tutkinnon tunnustaminen", ["oph-tutkintojen-tunnustaminen"]),
        ("fi", "ELO-ryhmä", ["@ELO_VERKOSTOT"]),
        ("fi", "TE-palvelut Vantaa", ["vantaa-tyollisyys-asiakaspalvelu"]),
        ("en", "UAS admissions", ["@AMK_HAKU", "opintopolku-hakuneuvonta"]),
        ("en", "KELA rehab", ["kela-ammatillinen-kuntoutus", "oulu-kuntoutusselvitys"]),
        ("en", "JOTPA", ["jotpa-jatkuvan-oppimisen-neuvonta"]),
        ("sv", "FPA rehabilitering", ["kela-ammatillinen-kuntoutus", "typ-turku"]),
        ("sv", "TE-byrån", ["@TYOLLISYYS_SV", "@TYOLLISYYS"]),
        ("sv", "söka till YH", ["centria-opinto-ohjaus", "@AMK_HAKU", "opintopolku-hakuneuvonta"]),
    ],
    "typo": [
        ("fi", "oppisopimsu", ["@OPPISOPIMUS"]),
        ("fi", "ammatinvalintapyskologi", ["@PSYKOLOGI"]),
        ("fi", "työnhakuvalmenus", ["@TYONHAKUVALMENNUS"]),
        (
            "fi",
            "kotoutumisuunnitelma",
            ["espoo-kotoutumisen-ohjaus", "vantaa-alkukartoitus", "seinajoki-kotoutuminen", "@KOTOUTUMINEN"],
        ),
        ("fi", "etsiva nuorisotyo", ["@ETSIVA"]),
        ("fi", "ohjamo", ["@OHJAAMOT", "ohjaamo-chat"]),
        ("fi", "yhteishkau", ["@YHTEISHAKU", "@JATKUVA_HAKU", "varusmiesten-uraohjaus"]),
        ("fi", "uraohjuas aikusille", ["@URAOHJAUS"]),
        ("fi", "starttirha", ["@YRITTAJYYS"]),
        ("en", "apprentiship", ["@OPPISOPIMUS"]),
        ("en", "carrer counseling for adults", ["@URAOHJAUS"]),
        (
            "en",
            "intergration training",
            ["lahti-kotoutumiskoulutus-neuvonta", "espoo-kotoutumisen-ohjaus", "@KOTOUTUMINEN"],
        ),
        ("en", "vocatonal rehabilitation", ["@KUNTOUTUS"]),
        ("en", "recogniton of foreign degree", ["oph-tutkintojen-tunnustaminen"]),
        ("sv", "läroavtall", ["laroavtal-vasa", "oppisopimus-turku", "oppisopimus-helsinki", "@OPPISOPIMUS"]),
        (
            "sv",
            "karriärvägledninng",
            [
                "osterbotten-yrkesvalsvagledning",
                "raseborg-karriarvagledning",
                "helsinki-ammatinvalinta",
                "fackforbund-karriarradgivning",
            ],
        ),
    ],
    "place": [
        ("fi", "Ohjaamo Kajaani", ["ohjaamo-kajaani"]),
        ("fi", "työnhakuvalmennus Lappeenranta", ["etela-karjala-tyonhakuvalmennus"]),
        ("fi", "opinto-ohjaus Kokkola", ["kpedu-opinto-ohjaus", "centria-opinto-ohjaus", "ohjaamo-kokkola"]),
        ("fi", "Rovaniemi", ["@place:Rovaniemi"]),
        ("fi", "maahanmuuttajat Kuopio", ["kuopio-maahanmuuttajapalvelut"]),
        ("fi", "uraohjaus Seinäjoki", ["tyolakeus-uraohjaus", "ohjaamo-seinajoki"]),
        ("fi", "oppisopimus Oulu", ["oppisopimus-oulu", "osao-hakeutuminen"]),
        ("fi", "Iisalmi", ["@place:Iisalmi"]),
        ("fi", "työnhakuapua Jyväskylä", ["jyvaskyla-tyollisyys-neuvonta", "ohjaamo-jyvaskyla"]),
        ("en", "youth guidance centre Pori", ["ohjaamo-pori"]),
        ("en", "integration services Oulu", ["oulu-kotoutumisen-ohjaus"]),
        ("en", "Joensuu", ["@place:Joensuu"]),
        ("en", "university career services Turku", ["utu-urapalvelut"]),
        ("sv", "Navigatorn Åbo", ["ohjaamo-turku"]),
        ("sv", "studiehandledning Uleåborg", ["@type:study-guidance&place:Oulu"]),
        ("sv", "rådgivning för invandrare Tammerfors", ["tampere-maahanmuuttajien-neuvonta"]),
        ("sv", "Jakobstad", ["@place:Pietarsaari"]),
        ("sv", "jobbsökning Karleby", ["keski-pohjanmaa-tyonhaku", "ohjaamo-kokkola"]),
    ],
    "area": [
        ("fi", "Kaakkois-Suomen ELY-keskus työvoimakoulutus", ["kaakkois-suomi-tyovoimakoulutus"]),
        ("fi", "Lapin elinvoimakeskus", ["lappi-elo-verkosto", "@centre:10"]),
        (
            "fi",
            "Pohjois-Karjala uraohjaus",
            ["pohjois-karjala-uraohjaus", "@type:career-guidance&region:Pohjois-Karjala"],
        ),
        ("fi", "Kainuu nuorten työpaja", ["kajaani-nuorten-tyopaja"]),
        ("fi", "Itä-Suomen elinvoimakeskus yritysneuvonta", ["ita-suomi-yritysneuvonta"]),
        ("fi", "Sisä-Suomen elinvoimakeskus ohjaajien koulutus", ["sisa-suomi-ohjaustyon-verkosto"]),
        ("fi", "Keski-Suomi oppisopimus", ["oppisopimus-jyvaskyla"]),
        ("fi", "Meri-Lapin työllisyysalue", ["meri-lappi-tyollisyys", "ohjaamo-meri-lappi"]),
        ("fi", "Kymenlaakso ammatillinen koulutus haku", ["ekami-hakijapalvelut"]),
        (
            "en",
            "Ostrobothnia career guidance",
            ["osterbotten-yrkesvalsvagledning", "@type:career-guidance&region:Pohjanmaa"],
        ),
        ("en", "Lapland", ["@region:Lappi"]),
        ("en", "Kainuu employment services", ["kainuu-tyollisyys-neuvonta"]),
        (
            "en",
            "Economic Development Centre of Southeast Finland",
            ["kaakkois-suomi-tyovoimakoulutus", "@centre:03"],
        ),
        ("sv", "NTM-centralen i Österbotten integration", ["osterbotten-integration-koordinering"]),
        ("sv", "Åland", ["@region:Ahvenanmaa"]),
        ("sv", "karriärvägledning Västnyland", ["raseborg-karriarvagledning"]),
    ],
    "cross_language": [
        ("en", "apprenticeship advice Turku", ["oppisopimus-turku"]),
        ("en", "study counsellor Swedish-speaking upper secondary school Vaasa", ["vasa-gymnasium"]),
        ("en", "Kristinestad adult study advice", ["kristinestad-vuxenvagledning"]),
        ("en", "long-term unemployed support Turku", ["typ-turku"]),
        ("en", "Turku vocational institute study guidance", ["turun-ammatti-instituutti"]),
        ("en", "Porvoo youth guidance centre", ["navigatorn-borga"]),
        ("en", "Jakobstad jobseeker advice", ["jakobstad-jobbsokning", "navigatorn-jakobstad"]),
        ("sv", "karriärtjänster Tammerfors universitet", ["tuni-urapalvelut"]),
        ("sv", "vuxengymnasium Helsingfors", ["helsinki-aikuislukio"]),
        ("sv", "integrationsutbildning Lahtis", ["lahti-kotoutumiskoulutus-neuvonta"]),
        ("sv", "inledande kartläggning invandrare Vanda", ["vantaa-alkukartoitus"]),
        ("sv", "jobbsökarkurs på nätet", ["verkkovalmennus-tyonhakuun"]),
        ("sv", "yrkesutbildning med särskilt stöd", ["luovi-erityinen-tuki"]),
        ("fi", "ruotsinkielinen ammattikoulu Pietarsaari", ["optima-studiehandledning"]),
        ("fi", "Ahvenanmaalle muuttaneen kotoutuminen", ["alands-integration"]),
        ("fi", "ruotsinkielinen opintoneuvonta aikuisille Helsingissä", ["arbis-studievagledning"]),
        ("fi", "Vaasan ruotsinkielinen lukio opinto-ohjaaja", ["vasa-gymnasium"]),
        ("fi", "Ahvenanmaan ammattikoulu", ["alands-yrkesgymnasium"]),
    ],
    "finnish_only": [
        ("en", "Sami youth study guidance Inari", ["inari-saamelaisnuorten-ohjaus"]),
        ("en", "study counselling for prisoners", ["vankien-opinto-ohjaus"]),
        ("en", "mentor for a young person looking for a first job Turku", ["turku-nuorten-mentorointi"]),
        (
            "en",
            "job coach for people with partial work ability Tampere",
            ["tampere-tyohonvalmennus-osatyokykyiset", "typ-tampere"],
        ),
        ("en", "skills mapping for adults Jyväskylä", ["jyvaskyla-osaamiskartoitus"]),
        ("en", "career psychologist Oulu", ["oulu-ammatinvalintapsykologi", "oulu-kuntoutusselvitys"]),
        ("en", "youth workshop Hämeenlinna", ["hameenlinna-nuorten-tyopaja"]),
        ("en", "comprehensive school certificate for adult immigrants Joensuu", ["joensuu-aikuisten-perusopetus"]),
        ("en", "labour market training Southeast Finland", ["kaakkois-suomi-tyovoimakoulutus"]),
        ("en", "career counselling for teachers", ["opettajien-liitto-uraneuvonta"]),
        ("en", "upper secondary school guidance counsellor Oulu", ["oulu-lukiot"]),
        ("sv", "ungdomsverkstad Kajana", ["kajaani-nuorten-tyopaja"]),
        ("sv", "sommarjobbsrådgivning Uleåborg", ["oulu-kesatyoneuvonta"]),
        ("sv", "stöd för långtidsarbetslösa Joensuu", ["typ-joensuu"]),
        ("sv", "studiehandledning yrkesutbildning Tavastehus", ["tavastia-opinto-ohjaus"]),
        ("sv", "jobbsökarträning Idensalmi", ["yla-savo-tyonhakuvalmennus"]),
        ("sv", "uppsökande ungdomsarbete Kemi", ["kemi-etsiva-nuorisotyo"]),
        ("sv", "elevhandledning högstadiet Kuopio", ["kuopio-oppilaanohjaus"]),
    ],
}
