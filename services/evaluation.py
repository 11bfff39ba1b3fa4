"""The search evaluation directory: guidance services among many ordinary municipal services.

``generate_evaluation_directory(municipal=10_000, seed=1)`` imports the hand-written guidance services of
fixtures/evaluation/guidance_services.json (external ids ``eval:…``) through the ordinary import, and adds
``municipal`` OFF-TOPIC municipal services (external ids ``evalgen:<seed>:…``): libraries, sports, health and
dental care, social work, day care, elderly services, housing, waste, transport, building control, culture,
youth centres, debt counselling, legal aid, consumer advice, tourism, parking… Their texts come from templates
with variation, in Finnish, Swedish and English, placed in Finland's real municipalities (big towns more often),
and they deliberately share words with guidance services — *neuvonta*, *ohjaus*, *palvelu*, *nuoret*, *aikuiset*,
*maahanmuuttajat*, *työ*, *koulutus*, *kurssi*, *vägledning*, *rådgivning*, *guidance*, *counselling*, *center* —
and their vocabulary labels (advice, information, guidance; young people, adults, immigrants). A search that
matches words without understanding them ranks these first; bench/search_quality.py measures that.

Everything is marked ``origin="generated"`` and removed with :func:`delete_evaluation`. The same seed gives the
same directory. Rows are written with COPY inside one transaction with the search triggers deferred, and the
search documents are built once at the end (the helpers of services/generation.py). No embeddings are computed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from exchange.importer import import_directory
from regions.models import Municipality, Region
from services.generation import (
    SERVICE_COLUMNS,
    _copy,
    _delete_rows,
    _next_ids,
    _search_triggers_back_on,
    _texts,
    _translated,
)
from services.models import (
    ElectronicChannel,
    OpeningHours,
    Origin,
    Provider,
    Service,
    ServiceLocation,
    ServiceType,
    TargetGroup,
)

GUIDANCE_FILE = Path(settings.BASE_DIR) / "fixtures" / "evaluation" / "guidance_services.json"
GUIDANCE_PREFIX = "eval:"
GENERATED_PREFIX = "evalgen:"
RELATIONS = ("service_types", "target_groups", "municipalities")

# The biggest towns get more services (as they have in reality); every municipality gets some.
BIG_TOWNS = {
    "091": 40, "049": 25, "837": 25, "092": 22, "564": 20, "853": 18, "179": 14, "297": 12, "398": 12,
    "609": 9, "405": 8, "167": 8, "905": 8, "109": 7, "286": 7, "743": 7, "272": 6, "698": 6, "491": 6,
    "285": 6, "638": 6, "710": 4, "478": 3, "598": 4, "205": 4, "140": 3, "240": 3, "851": 3,
}  # fmt: skip

Three = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Template:
    """One kind of ordinary municipal service. ``names`` hold "{m}" for the municipality's name; ``summary`` and
    ``extra`` are alternatives; ``types`` and ``groups`` are vocabulary codes such a service is often labelled
    with; ``health``: provided by the wellbeing services county (hyvinvointialue), not the municipality."""

    key: str
    weight: int
    names: tuple[Three, ...]
    summary: tuple[Three, ...]
    extra: tuple[Three, ...] = ()
    types: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    health: bool = False


T = Template
TEMPLATES: tuple[Template, ...] = (
    T(
        "library",
        14,
        (
            ("Pääkirjasto, {m}", "Huvudbiblioteket i {m}", "{m} main library"),
            ("Kaupunginkirjasto – {m}", "Stadsbiblioteket – {m}", "City library – {m}"),
            ("Lähikirjasto, {m}", "Närbibliotek, {m}", "Local library, {m}"),
            ("Kirjastoauto – {m}", "Biblioteksbussen – {m}", "Mobile library – {m}"),
        ),
        (
            (
                "Lainaa kirjoja, e-kirjoja, lehtiä ja pelejä. Kirjaston neuvonta auttaa tiedonhaussa.",
                "Låna böcker, e-böcker, tidningar och spel. Bibliotekets rådgivning hjälper med informationssökning.",
                "Borrow books, e-books, magazines and games. The library's help desk helps you find information.",
            ),
            (
                "Kirjasto on kaikille avoin olohuone: lukusali, työpisteet, tulostus ja tapahtumat.",
                "Biblioteket är ett öppet vardagsrum för alla: läsesal, arbetsplatser, utskrift och evenemang.",
                "The library is a living room open to all: reading room, workstations, printing and events.",
            ),
        ),
        (
            (
                "Järjestämme satutunteja lapsille, lukupiirejä aikuisille ja suomen kielen keskusteluryhmiä "
                "maahanmuuttajille.",
                "Vi ordnar sagostunder för barn, läsecirklar för vuxna och samtalsgrupper i finska för invandrare.",
                "We run story hours for children, reading circles for adults and Finnish conversation groups for "
                "immigrants.",
            ),
            (
                "Nuorten osastolla on pelejä ja läksyapua koululaisille.",
                "På ungdomsavdelningen finns spel och läxhjälp för skolelever.",
                "The youth section has games and homework help for pupils.",
            ),
        ),
        ("information",),
        ("adults", "young-people"),
    ),
    T(
        "digital-help",
        5,
        (("Digituki ja digineuvonta – {m}", "Digistöd och digirådgivning – {m}", "Digital support and advice – {m}"),),
        (
            (
                "Henkilökohtaista ohjausta tietokoneen, älypuhelimen ja sähköisen asioinnin käyttöön.",
                "Personlig handledning i att använda dator, smarttelefon och e-tjänster.",
                "One-to-one guidance in using a computer, a smartphone and online services.",
            ),
        ),
        (
            (
                "Digiopastajat neuvovat ikäihmisiä, aikuisia ja maahanmuuttajia kirjastossa.",
                "Digihandledarna ger råd åt äldre, vuxna och invandrare på biblioteket.",
                "Digital guides advise older people, adults and immigrants at the library.",
            ),
        ),
        ("guidance", "advice"),
        ("adults", "immigrants"),
    ),
    T(
        "exercise-advice",
        6,
        (
            ("Liikuntaneuvonta – {m}", "Motionsrådgivning – {m}", "Exercise counselling – {m}"),
            ("Liikuntapalvelujen neuvonta, {m}", "Idrottstjänsternas rådgivning, {m}", "Sports services advice, {m}"),
        ),
        (
            (
                "Liikuntaneuvoja auttaa löytämään sopivan tavan liikkua ja tekee kanssasi liikuntasuunnitelman.",
                "Motionsrådgivaren hjälper dig hitta ett lämpligt sätt att motionera och gör en motionsplan med dig.",
                "An exercise adviser helps you find a suitable way to be active and makes an exercise plan with you.",
            ),
        ),
        (
            (
                "Ohjausta aikuisille, ikääntyneille ja nuorille; myös ryhmiä työikäisille.",
                "Handledning för vuxna, äldre och unga; även grupper för personer i arbetsför ålder.",
                "Guidance for adults, older people and the young; groups for working-age people too.",
            ),
        ),
        ("advice", "guidance"),
        ("adults", "young-people"),
    ),
    T(
        "swimming",
        7,
        (
            ("Uimahalli – {m}", "Simhallen – {m}", "Swimming hall – {m}"),
            ("Maauimala, {m}", "Friluftsbadet i {m}", "{m} outdoor pool"),
        ),
        (
            (
                "Uinti, vesijumppa, sauna ja kuntosali. Uimakouluja lapsille ja aikuisille.",
                "Simning, vattengymnastik, bastu och gym. Simskolor för barn och vuxna.",
                "Swimming, aqua aerobics, sauna and gym. Swimming lessons for children and adults.",
            ),
        ),
        (
            (
                "Uinninohjaajat antavat tekniikkaohjausta; kurssit alkavat syys- ja tammikuussa.",
                "Siminstruktörerna ger teknikhandledning; kurserna börjar i september och januari.",
                "Swimming instructors give technique guidance; courses start in September and January.",
            ),
        ),
    ),
    T(
        "sports-hall",
        6,
        (
            ("Liikuntahalli ja kuntosali – {m}", "Idrottshall och gym – {m}", "Sports hall and gym – {m}"),
            ("Liikuntapaikkojen vuorovaraus, {m}", "Bokning av idrottsplatser, {m}", "Booking sports facilities, {m}"),
        ),
        (
            (
                "Salivuorot seuroille ja kansalaisille, kuntosali ja ohjatut liikuntaryhmät.",
                "Turer för föreningar och invånare, gym och ledda motionsgrupper.",
                "Hall slots for clubs and residents, a gym and instructor-led exercise groups.",
            ),
        ),
        (
            (
                "Kuntosalin ohjaus uusille asiakkaille maksutta; nuorille edullinen kausikortti.",
                "Gratis gymhandledning för nya kunder; förmånligt säsongskort för unga.",
                "Free gym guidance for new customers; a cheap season card for young people.",
            ),
        ),
        (),
        ("young-people",),
    ),
    T(
        "health-centre",
        9,
        (
            ("Terveysasema – {m}", "Hälsostation – {m}", "Health centre – {m}"),
            ("Terveysasema, {m}", "Hälsostationen i {m}", "{m} health centre"),
        ),
        (
            (
                "Lääkärin ja sairaanhoitajan vastaanotto, ajanvaraus ja terveysneuvonta.",
                "Läkar- och sjukskötarmottagning, tidsbokning och hälsorådgivning.",
                "Doctor and nurse appointments, booking and health advice.",
            ),
        ),
        (
            (
                "Kiireellinen hoito arkisin; terveysneuvontaa myös puhelimitse ja chatissa.",
                "Brådskande vård på vardagar; hälsorådgivning även per telefon och i chatt.",
                "Urgent care on weekdays; health advice by phone and chat too.",
            ),
        ),
        ("advice",),
        ("adults",),
        True,
    ),
    T(
        "dental",
        6,
        (
            ("Hammashoitola – {m}", "Tandklinik – {m}", "Dental clinic – {m}"),
            ("Suun terveydenhuolto, {m}", "Munhälsovård, {m}", "Oral health care, {m}"),
        ),
        (
            (
                "Hammashoito lapsille, nuorille ja aikuisille. Ohjausta hampaiden ja suun hoitoon.",
                "Tandvård för barn, unga och vuxna. Handledning i vård av tänder och mun.",
                "Dental care for children, young people and adults. Guidance on caring for your teeth.",
            ),
        ),
        (),
        (),
        ("young-people", "adults"),
        True,
    ),
    T(
        "occupational-health",
        4,
        (("Työterveyshuolto – {m}", "Företagshälsovård – {m}", "Occupational health care – {m}"),),
        (
            (
                "Työterveyshuollon palvelut työnantajille ja yrittäjille: terveystarkastukset ja työkyvyn tuki.",
                "Företagshälsovård för arbetsgivare och företagare: hälsokontroller och stöd för arbetsförmågan.",
                "Occupational health services for employers and entrepreneurs: health checks and work ability support.",
            ),
        ),
        (
            (
                "Työpaikkaselvitykset ja työhyvinvoinnin koulutus yrityksille.",
                "Arbetsplatsutredningar och utbildning i arbetshälsa för företag.",
                "Workplace surveys and well-being at work training for companies.",
            ),
        ),
        ("advice",),
        ("entrepreneurs", "employed"),
        True,
    ),
    T(
        "nutrition",
        3,
        (("Ravitsemusohjaus – {m}", "Näringsrådgivning – {m}", "Nutrition counselling – {m}"),),
        (
            (
                "Ravitsemusterapeutin ohjausta painonhallintaan, diabetekseen ja ruoka-allergioihin.",
                "Handledning av näringsterapeut i viktkontroll, diabetes och matallergier.",
                "Guidance from a nutritionist on weight management, diabetes and food allergies.",
            ),
        ),
        (),
        ("guidance",),
        ("adults",),
        True,
    ),
    T(
        "child-clinic",
        6,
        (
            ("Lastenneuvola – {m}", "Barnrådgivningen – {m}", "Child health clinic – {m}"),
            ("Äitiysneuvola, {m}", "Mödrarådgivningen, {m}", "Maternity clinic, {m}"),
        ),
        (
            (
                "Neuvolassa seurataan lapsen kasvua ja kehitystä ja tuetaan vanhempia.",
                "På rådgivningen följs barnets tillväxt och utveckling och föräldrarna får stöd.",
                "The clinic follows the child's growth and development and supports parents.",
            ),
        ),
        (
            (
                "Perhevalmennusta ensimmäistä lastaan odottaville; neuvontaa myös maahanmuuttajaperheille tulkin "
                "avulla.",
                "Familjeträning för den som väntar sitt första barn; rådgivning även för invandrarfamiljer med tolk.",
                "Antenatal classes for first-time parents; advice for immigrant families through an interpreter.",
            ),
        ),
        ("advice",),
        ("guardians",),
        True,
    ),
    T(
        "family-counselling",
        3,
        (("Perheneuvola – {m}", "Familjerådgivningen – {m}", "Family counselling centre – {m}"),),
        (
            (
                "Kasvatus- ja perheneuvontaa, kun lapsen kehitys, koulunkäynti tai perheen tilanne huolestuttaa.",
                "Uppfostrings- och familjerådgivning när barnets utveckling, skolgång eller familjens situation oroar.",
                "Child guidance and family counselling when a child's development, schooling or family life worries "
                "you.",
            ),
        ),
        (),
        ("advice", "guidance"),
        ("guardians",),
        True,
    ),
    T(
        "adult-social-work",
        5,
        (("Aikuissosiaalityö – {m}", "Socialt arbete för vuxna – {m}", "Adult social work – {m}"),),
        (
            (
                "Sosiaaliohjausta ja neuvontaa toimeentuloon, asumiseen ja elämänhallintaan liittyvissä asioissa.",
                "Socialhandledning och rådgivning om utkomst, boende och livskompetens.",
                "Social guidance and advice on income support, housing and managing everyday life.",
            ),
        ),
        (
            (
                "Palvelu on tarkoitettu työikäisille aikuisille; tarvittaessa ohjaamme kuntouttavaan työtoimintaan.",
                "Tjänsten är avsedd för vuxna i arbetsför ålder; vid behov hänvisar vi till arbetsverksamhet i "
                "rehabiliteringssyfte.",
                "For working-age adults; where needed we refer you to rehabilitative work activities.",
            ),
        ),
        ("guidance", "advice"),
        ("adults",),
        True,
    ),
    T(
        "daycare-guidance",
        5,
        (
            (
                "Varhaiskasvatuksen palveluohjaus – {m}",
                "Servicehandledning inom småbarnspedagogiken – {m}",
                "Early childhood education service guidance – {m}",
            ),
        ),
        (
            (
                "Neuvontaa varhaiskasvatuspaikan hakemiseen, asiakasmaksuihin ja kerhoihin.",
                "Rådgivning om att söka plats inom småbarnspedagogiken, avgifter och klubbar.",
                "Advice on applying for an early childhood education place, fees and clubs.",
            ),
        ),
        (
            (
                "Hakemus tehdään neljä kuukautta ennen hoidon tarvetta, tai kaksi viikkoa, jos tarve johtuu työstä "
                "tai opiskelusta.",
                "Ansökan görs fyra månader innan behovet, eller två veckor om behovet beror på arbete eller studier.",
                "Apply four months ahead, or two weeks ahead if the need is due to work or studies.",
            ),
        ),
        ("advice", "information"),
        ("guardians",),
    ),
    T(
        "daycare",
        9,
        (
            ("Päiväkoti – {m}", "Daghem – {m}", "Daycare centre – {m}"),
            ("Kunnallinen päiväkoti, {m}", "Kommunalt daghem i {m}", "Municipal daycare in {m}"),
        ),
        (
            (
                "Varhaiskasvatusta 1–6-vuotiaille ja esiopetusta kuusivuotiaille.",
                "Småbarnspedagogik för 1–6-åringar och förskoleundervisning för sexåringar.",
                "Early childhood education for ages 1–6 and pre-primary education for six-year-olds.",
            ),
        ),
        (
            (
                "Ryhmissä on lastentarhanopettajia ja lastenhoitajia; vuorohoito sovittaessa.",
                "I grupperna finns barnträdgårdslärare och barnskötare; skiftomsorg enligt överenskommelse.",
                "Groups have teachers and childcare workers; shift care by arrangement.",
            ),
        ),
        (),
        ("guardians",),
    ),
    T(
        "elderly-advice",
        5,
        (
            (
                "Ikäihmisten neuvonta ja palveluohjaus – {m}",
                "Rådgivning och servicehandledning för äldre – {m}",
                "Advice and service guidance for older people – {m}",
            ),
        ),
        (
            (
                "Neuvontaa kotona asumisen tukeen, omaishoitoon ja palveluasumiseen.",
                "Rådgivning om stöd för boende hemma, närståendevård och serviceboende.",
                "Advice on support for living at home, informal care and assisted living.",
            ),
        ),
        (),
        ("advice", "guidance"),
        ("adults",),
        True,
    ),
    T(
        "home-care",
        5,
        (("Kotihoito – {m}", "Hemvård – {m}", "Home care – {m}"),),
        (
            (
                "Kotihoito auttaa päivittäisissä toimissa ja lääkehoidossa kotona asuvia.",
                "Hemvården hjälper dem som bor hemma med dagliga sysslor och medicinering.",
                "Home care helps people living at home with daily tasks and medication.",
            ),
        ),
        (),
        (),
        (),
        True,
    ),
    T(
        "housing-advice",
        5,
        (("Asumisneuvonta – {m}", "Boenderådgivning – {m}", "Housing counselling – {m}"),),
        (
            (
                "Apua vuokranmaksuvaikeuksiin, asunnon hakemiseen ja häätöjen ehkäisyyn.",
                "Hjälp vid svårigheter med hyran, med att söka bostad och för att förebygga vräkningar.",
                "Help with rent arrears, finding a home and preventing evictions.",
            ),
        ),
        (
            (
                "Asumisneuvoja palvelee nuoria, aikuisia ja maahanmuuttajia.",
                "Boenderådgivaren betjänar unga, vuxna och invandrare.",
                "The housing counsellor serves young people, adults and immigrants.",
            ),
        ),
        ("advice",),
        ("young-people", "adults", "immigrants"),
    ),
    T(
        "rental-housing",
        5,
        (("Vuokra-asuntojen haku – {m}", "Ansökan om hyresbostad – {m}", "Applying for rental housing – {m}"),),
        (
            (
                "Hae kaupungin vuokra-asuntoa; opiskelija-asunnot ja nuorisoasunnot erikseen.",
                "Sök stadens hyresbostad; studentbostäder och ungdomsbostäder separat.",
                "Apply for a city rental flat; student and youth housing separately.",
            ),
        ),
    ),
    T(
        "waste-advice",
        5,
        (
            ("Jäteneuvonta – {m}", "Avfallsrådgivning – {m}", "Waste advice – {m}"),
            ("Jäteasema, {m}", "Avfallsstation, {m}", "Waste station, {m}"),
        ),
        (
            (
                "Neuvontaa lajitteluun, kierrätykseen ja jätehuoltoon; kierrätyskursseja kouluille.",
                "Rådgivning om sortering, återvinning och avfallshantering; återvinningskurser för skolor.",
                "Advice on sorting, recycling and waste management; recycling courses for schools.",
            ),
        ),
        (
            (
                "Vaarallisen jätteen vastaanotto maksutta kotitalouksilta.",
                "Avgiftsfri mottagning av farligt avfall från hushåll.",
                "Hazardous household waste is received free of charge.",
            ),
        ),
        ("advice",),
    ),
    T(
        "public-transport",
        5,
        (
            (
                "Joukkoliikenteen asiakaspalvelu – {m}",
                "Kollektivtrafikens kundtjänst – {m}",
                "Public transport customer service – {m}",
            ),
        ),
        (
            (
                "Matkakortit, aikataulut ja reittineuvonta; alennusliput koululaisille, opiskelijoille ja "
                "eläkeläisille.",
                "Resekort, tidtabeller och ruttrådgivning; rabatterade biljetter för skolelever, studerande och "
                "pensionärer.",
                "Travel cards, timetables and route advice; discounted tickets for pupils, students and pensioners.",
            ),
        ),
        (),
        ("information",),
    ),
    T(
        "school-transport",
        4,
        (("Koulukuljetukset – {m}", "Skolskjutsar – {m}", "School transport – {m}"),),
        (
            (
                "Koulukuljetuksen hakeminen peruskoulun oppilaille ja toisen asteen opiskelijoille.",
                "Ansökan om skolskjuts för elever i grundskolan och studerande på andra stadiet.",
                "Applying for school transport for comprehensive school pupils and upper secondary students.",
            ),
        ),
        (),
        ("information",),
        ("pupils", "guardians"),
    ),
    T(
        "building-control",
        6,
        (
            (
                "Rakennusvalvonnan neuvonta – {m}",
                "Byggnadstillsynens rådgivning – {m}",
                "Building control advice – {m}",
            ),
            ("Rakennusluvat – {m}", "Bygglov – {m}", "Building permits – {m}"),
        ),
        (
            (
                "Neuvontaa rakennus-, toimenpide- ja purkulupiin sekä korjausrakentamiseen.",
                "Rådgivning om bygglov, åtgärdstillstånd och rivningslov samt reparationsbyggande.",
                "Advice on building, minor works and demolition permits and on renovation.",
            ),
        ),
        (
            (
                "Lupahakemus tehdään sähköisessä asiointipalvelussa; ennakkoneuvonta on maksutonta.",
                "Ansökan görs i e-tjänsten; förhandsrådgivningen är avgiftsfri.",
                "Apply through the online service; advance advice is free.",
            ),
        ),
        ("advice",),
    ),
    T(
        "energy-advice",
        3,
        (("Energianeuvonta – {m}", "Energirådgivning – {m}", "Energy advice – {m}"),),
        (
            (
                "Maksutonta energianeuvontaa kotitalouksille lämmitykseen ja energiaremontteihin.",
                "Avgiftsfri energirådgivning för hushåll om uppvärmning och energirenoveringar.",
                "Free energy advice for households on heating and energy renovations.",
            ),
        ),
        (),
        ("advice",),
    ),
    T(
        "culture-centre",
        5,
        (
            ("Kulttuurikeskus – {m}", "Kulturcentrum – {m}", "Cultural center – {m}"),
            ("Kulttuuritalo, {m}", "Kulturhuset i {m}", "{m} arts center"),
        ),
        (
            (
                "Konsertteja, näyttelyitä, teatteria ja kursseja kaikenikäisille.",
                "Konserter, utställningar, teater och kurser för alla åldrar.",
                "Concerts, exhibitions, theatre and courses for all ages.",
            ),
        ),
        (
            (
                "Nuorille omat bändi- ja taidetyöpajat.",
                "Egna band- och konstverkstäder för unga.",
                "Band and art workshops for young people.",
            ),
        ),
        (),
        ("young-people",),
    ),
    T(
        "music-school",
        3,
        (
            ("Musiikkiopisto – {m}", "Musikinstitut – {m}", "Music school – {m}"),
            ("Kuvataidekoulu, {m}", "Bildkonstskola, {m}", "Visual arts school, {m}"),
        ),
        (
            (
                "Taiteen perusopetusta lapsille ja nuorille; haku syksyn opintoihin keväällä.",
                "Grundläggande konstundervisning för barn och unga; ansökan till höstens studier på våren.",
                "Basic education in the arts for children and young people; apply in spring for autumn studies.",
            ),
        ),
        (
            (
                "Opiskelu on tavoitteellista ja etenee opetussuunnitelman mukaan; aikuisille avoimia kursseja.",
                "Studierna är målinriktade och följer läroplanen; öppna kurser för vuxna.",
                "Studies follow a curriculum; open courses for adults.",
            ),
        ),
        (),
        ("young-people", "pupils"),
    ),
    T(
        "adult-courses",
        4,
        (
            (
                "Kansalaisopiston kurssit – {m}",
                "Medborgarinstitutets kurser – {m}",
                "Adult education centre courses – {m}",
            ),
        ),
        (
            (
                "Kieli-, käsityö-, liikunta- ja taidekursseja aikuisille; ilmoittautuminen verkossa.",
                "Kurser i språk, handarbete, motion och konst för vuxna; anmälan på nätet.",
                "Language, craft, exercise and art courses for adults; enrol online.",
            ),
        ),
        (
            (
                "Kurssimaksu vaihtelee; eläkeläisille ja työttömille alennus.",
                "Kursavgiften varierar; rabatt för pensionärer och arbetslösa.",
                "Fees vary; discounts for pensioners and the unemployed.",
            ),
        ),
        (),
        ("adults",),
    ),
    T(
        "youth-centre",
        7,
        (
            ("Nuorisotalo – {m}", "Ungdomsgård – {m}", "Youth centre – {m}"),
            ("Nuorisotila, {m}", "Ungdomslokalen i {m}", "{m} youth space"),
        ),
        (
            (
                "Avointa toimintaa 10–17-vuotiaille: pelejä, musiikkia, kokkikerhoja ja retkiä.",
                "Öppen verksamhet för 10–17-åringar: spel, musik, matlagningsklubbar och utflykter.",
                "Open activities for 10–17-year-olds: games, music, cooking clubs and trips.",
            ),
        ),
        (
            (
                "Nuoriso-ohjaajat ovat paikalla iltaisin; nuoret voivat suunnitella toimintaa itse.",
                "Ungdomsledarna finns på plats på kvällarna; de unga kan planera verksamheten själva.",
                "Youth workers are there in the evenings; young people can plan activities themselves.",
            ),
        ),
        ("guidance",),
        ("young-people",),
    ),
    T(
        "youth-hobbies",
        3,
        (
            (
                "Nuorten harrastusneuvonta – {m}",
                "Hobbyrådgivning för unga – {m}",
                "Hobby advice for young people – {m}",
            ),
        ),
        (
            (
                "Apua harrastuksen löytämiseen: liikunta, kulttuuri ja kerhot koululaisille.",
                "Hjälp att hitta en hobby: idrott, kultur och klubbar för skolelever.",
                "Help finding a hobby: sport, culture and clubs for schoolchildren.",
            ),
        ),
        (),
        ("advice",),
        ("young-people", "pupils"),
    ),
    T(
        "debt-counselling",
        4,
        (
            (
                "Talous- ja velkaneuvonta – {m}",
                "Ekonomi- och skuldrådgivning – {m}",
                "Financial and debt counselling – {m}",
            ),
        ),
        (
            (
                "Maksutonta ja luottamuksellista neuvontaa velka- ja raha-asioihin, maksusuunnitelmat ja "
                "velkajärjestely.",
                "Avgiftsfri och konfidentiell rådgivning om skulder och pengar, betalningsplaner och skuldsanering.",
                "Free and confidential counselling on debts and money, repayment plans and debt restructuring.",
            ),
        ),
        (
            (
                "Velkaneuvoja palvelee myös nuoria aikuisia, joilla on maksuhäiriöitä.",
                "Skuldrådgivaren betjänar också unga vuxna med betalningsanmärkningar.",
                "The debt counsellor also helps young adults with payment defaults.",
            ),
        ),
        ("advice",),
        ("adults", "young-people"),
    ),
    T(
        "legal-aid",
        3,
        (("Oikeusaputoimisto – {m}", "Rättshjälpsbyrå – {m}", "Legal aid office – {m}"),),
        (
            (
                "Julkinen oikeusapu: neuvontaa ja avustamista oikeudellisissa asioissa tulojen mukaan.",
                "Allmän rättshjälp: rådgivning och biträde i juridiska frågor enligt inkomst.",
                "Public legal aid: advice and representation in legal matters according to your income.",
            ),
        ),
        (),
        ("advice",),
    ),
    T(
        "consumer-advice",
        2,
        (("Kuluttajaneuvonta – {m}", "Konsumentrådgivning – {m}", "Consumer advice – {m}"),),
        (
            (
                "Neuvontaa kaupan riita-asioissa, virheellisistä tuotteista ja reklamaatioista.",
                "Rådgivning i tvister om köp, felaktiga produkter och reklamationer.",
                "Advice on disputes with sellers, faulty products and complaints.",
            ),
        ),
        (),
        ("advice",),
    ),
    T(
        "tourism",
        4,
        (
            ("Matkailuneuvonta – {m}", "Turistinformation – {m}", "Tourist information – {m}"),
            ("Matkailuinfo ja vierailijakeskus, {m}", "Besökscenter, {m}", "Visitor center, {m}"),
        ),
        (
            (
                "Vinkkejä nähtävyyksiin, tapahtumiin, majoitukseen ja opastettuihin kierroksiin.",
                "Tips om sevärdheter, evenemang, boende och guidade turer.",
                "Tips on sights, events, accommodation and guided tours.",
            ),
        ),
        (),
        ("information",),
    ),
    T(
        "parking",
        3,
        (("Pysäköinnin asiointi – {m}", "Parkeringsärenden – {m}", "Parking services – {m}"),),
        (
            (
                "Asukaspysäköintitunnukset, pysäköintivirhemaksut ja pysäköintiluvat.",
                "Boendeparkeringstillstånd, parkeringsbot och parkeringstillstånd.",
                "Residential parking permits, parking fines and permits.",
            ),
        ),
    ),
    T(
        "mental-health",
        4,
        (("Mielenterveysneuvonta – {m}", "Mentalvårdsrådgivning – {m}", "Mental health advice – {m}"),),
        (
            (
                "Matalan kynnyksen keskusteluapua aikuisille ja nuorille ilman lähetettä.",
                "Samtalsstöd med låg tröskel för vuxna och unga utan remiss.",
                "Low-threshold counselling for adults and young people, no referral needed.",
            ),
        ),
        (),
        ("advice",),
        ("adults", "young-people"),
        True,
    ),
    T(
        "substance-abuse",
        3,
        (("Päihdepalvelut – {m}", "Missbrukarvård – {m}", "Substance abuse services – {m}"),),
        (
            (
                "Päihdeneuvontaa ja hoitoa alkoholi-, huume- ja peliongelmiin; myös läheisille.",
                "Missbruksrådgivning och vård vid alkohol-, narkotika- och spelproblem; även för anhöriga.",
                "Advice and treatment for alcohol, drug and gambling problems; for family members too.",
            ),
        ),
        (),
        ("advice",),
        ("adults",),
        True,
    ),
    T(
        "first-aid",
        2,
        (("Ensiapukoulutus – {m}", "Första hjälpen-kurs – {m}", "First aid training – {m}"),),
        (
            (
                "Ensiapukurssit EA1 ja EA2 sekä hätäensiapu kuntalaisille ja työpaikoille.",
                "Kurser i första hjälpen FHJ1 och FHJ2 för invånare och arbetsplatser.",
                "First aid courses for residents and workplaces.",
            ),
        ),
        (),
        (),
        ("adults", "employed"),
    ),
    T(
        "volunteer",
        2,
        (("Vapaaehtoistoiminnan keskus – {m}", "Volontärcentralen – {m}", "Volunteer center – {m}"),),
        (
            (
                "Löydä sopiva vapaaehtoistehtävä; koulutusta ja tukea vapaaehtoisille.",
                "Hitta ett lämpligt volontäruppdrag; utbildning och stöd för volontärer.",
                "Find a volunteer role; training and support for volunteers.",
            ),
        ),
        (),
        ("information",),
        ("adults",),
    ),
    T(
        "resident-advice",
        5,
        (
            (
                "Kaupungin palvelupiste – asukasneuvonta, {m}",
                "Stadens servicepunkt – invånarrådgivning, {m}",
                "City service point – resident advice, {m}",
            ),
        ),
        (
            (
                "Neuvontaa kaupungin palveluista suomeksi, ruotsiksi ja englanniksi; lomakkeet ja asiointi.",
                "Rådgivning om stadens tjänster på finska, svenska och engelska; blanketter och ärenden.",
                "Advice on city services in Finnish, Swedish and English; forms and errands.",
            ),
        ),
        (
            (
                "Palvelupisteessä neuvotaan myös Suomeen muuttaneita maahanmuuttajia arjen asioissa.",
                "På servicepunkten får även invandrare som flyttat till Finland råd i vardagliga frågor.",
                "The service point also advises immigrants who have moved to Finland on everyday matters.",
            ),
        ),
        ("advice", "information"),
        ("immigrants", "adults"),
    ),
    T(
        "immigrant-sports",
        2,
        (
            (
                "Maahanmuuttajien liikuntaryhmät – {m}",
                "Motionsgrupper för invandrare – {m}",
                "Exercise groups for immigrants – {m}",
            ),
        ),
        (
            (
                "Matalan kynnyksen liikuntaryhmiä maahanmuuttajanaisille ja -perheille; ohjaajat puhuvat useita "
                "kieliä.",
                "Motionsgrupper med låg tröskel för invandrarkvinnor och familjer; ledarna talar flera språk.",
                "Low-threshold exercise groups for immigrant women and families; instructors speak several languages.",
            ),
        ),
        (),
        ("guidance",),
        ("immigrants",),
    ),
    T(
        "environmental-health",
        3,
        (("Ympäristöterveydenhuolto – {m}", "Miljöhälsovård – {m}", "Environmental health – {m}"),),
        (
            (
                "Elintarvikevalvonta, talousveden laatu ja asuntojen terveyshaitat; neuvontaa yrittäjille.",
                "Livsmedelstillsyn, hushållsvattnets kvalitet och sanitära olägenheter i bostäder; rådgivning för "
                "företagare.",
                "Food control, drinking water quality and health hazards in homes; advice for businesses.",
            ),
        ),
        (),
        ("advice",),
        ("entrepreneurs",),
    ),
    T(
        "veterinary",
        2,
        (("Kunnaneläinlääkäri – {m}", "Kommunalveterinär – {m}", "Municipal veterinarian – {m}"),),
        (
            (
                "Kiireellinen eläinlääkäriapu ja eläinten terveysneuvonta.",
                "Brådskande veterinärvård och rådgivning om djurens hälsa.",
                "Urgent veterinary care and animal health advice.",
            ),
        ),
    ),
    T(
        "summer-camps",
        2,
        (
            (
                "Kesäleirit lapsille ja nuorille – {m}",
                "Sommarläger för barn och unga – {m}",
                "Summer camps for children and young people – {m}",
            ),
        ),
        (
            (
                "Päiväleirejä ja yöleirejä koulujen kesälomalla; ilmoittautuminen toukokuussa.",
                "Dagläger och övernattningsläger under skolornas sommarlov; anmälan i maj.",
                "Day and overnight camps during the school summer holiday; enrol in May.",
            ),
        ),
        (),
        (),
        ("young-people", "pupils"),
    ),
    T(
        "after-school",
        3,
        (
            (
                "Koululaisten iltapäivätoiminta – {m}",
                "Eftermiddagsverksamhet för skolelever – {m}",
                "After-school activities – {m}",
            ),
        ),
        (
            (
                "Ohjattua iltapäivätoimintaa 1.–2.-luokkalaisille ja erityisen tuen oppilaille.",
                "Ledd eftermiddagsverksamhet för elever i årskurs 1–2 och elever i behov av särskilt stöd.",
                "Supervised after-school activities for grades 1–2 and pupils with special needs.",
            ),
        ),
        (),
        ("guidance",),
        ("pupils", "guardians"),
    ),
    T(
        "museum",
        3,
        (("Kaupunginmuseo – {m}", "Stadsmuseet – {m}", "City museum – {m}"),),
        (
            (
                "Paikallishistorian näyttelyt, opastukset ja museopedagogiikka kouluryhmille.",
                "Utställningar om lokalhistoria, guidningar och museipedagogik för skolgrupper.",
                "Local history exhibitions, guided tours and museum education for school groups.",
            ),
        ),
        (
            (
                "Opastetut kierrokset suomeksi, ruotsiksi ja englanniksi.",
                "Guidade turer på finska, svenska och engelska.",
                "Guided tours in Finnish, Swedish and English.",
            ),
        ),
    ),
    T(
        "disability-services",
        3,
        (("Vammaispalvelut – {m}", "Handikappservice – {m}", "Disability services – {m}"),),
        (
            (
                "Vammaispalvelujen sosiaaliohjaus: kuljetuspalvelu, henkilökohtainen apu ja asunnon muutostyöt.",
                "Socialhandledning inom handikappservicen: färdtjänst, personlig assistans och ändringsarbeten i "
                "bostaden.",
                "Disability social guidance: transport service, personal assistance and home adaptations.",
            ),
        ),
        (),
        ("guidance",),
        ("partial-work-ability",),
        True,
    ),
    T(
        "student-health",
        4,
        (("Opiskeluterveydenhuolto – {m}", "Studerandehälsovård – {m}", "Student health care – {m}"),),
        (
            (
                "Terveydenhoitajan ja lääkärin palvelut toisen asteen opiskelijoille oppilaitoksissa.",
                "Hälsovårdar- och läkartjänster för studerande på andra stadiet vid läroanstalterna.",
                "Nurse and doctor services for upper secondary students at their schools.",
            ),
        ),
        (
            (
                "Terveystarkastus ensimmäisenä opiskeluvuonna; seksuaaliterveyden neuvonta.",
                "Hälsoundersökning under det första studieåret; rådgivning om sexuell hälsa.",
                "A health check in the first year of studies; sexual health advice.",
            ),
        ),
        ("advice",),
        ("upper-secondary-students",),
        True,
    ),
    T(
        "school-welfare",
        4,
        (
            (
                "Koulukuraattori ja koulupsykologi – {m}",
                "Skolkurator och skolpsykolog – {m}",
                "School social worker and psychologist – {m}",
            ),
        ),
        (
            (
                "Keskusteluapua oppilaille ja opiskelijoille koulunkäyntiin, kaverisuhteisiin ja jaksamiseen.",
                "Samtalsstöd för elever och studerande om skolgång, kompisrelationer och ork.",
                "Counselling for pupils and students on school, friendships and coping.",
            ),
        ),
        (),
        (),
        ("pupils", "upper-secondary-students", "guardians"),
    ),
    T(
        "playground",
        3,
        (("Asukaspuisto – {m}", "Lekparken – {m}", "Playground with activities – {m}"),),
        (
            (
                "Ohjattua toimintaa lapsiperheille, kesäruokailu ja kerhot.",
                "Ledd verksamhet för barnfamiljer, sommarmat och klubbar.",
                "Supervised activities for families with children, summer meals and clubs.",
            ),
        ),
    ),
)

# Closing sentences any service may get (at most one).
CLOSING: tuple[Three, ...] = (
    ("Palvelu on maksuton.", "Tjänsten är avgiftsfri.", "The service is free of charge."),
    (
        "Ajanvaraus verkossa tai puhelimitse.",
        "Tidsbokning på nätet eller per telefon.",
        "Book online or by phone.",
    ),
    ("Asiointi myös englanniksi.", "Service även på engelska.", "Service also in English."),
    ("Esteetön sisäänkäynti.", "Tillgänglig entré.", "Step-free entrance."),
    (
        "Palvelu kuuluu kunnan peruspalveluihin.",
        "Tjänsten hör till kommunens basservice.",
        "Part of the municipality's basic services.",
    ),
)


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    guidance: int
    municipal: int
    providers: int
    seconds: float
    index_seconds: float


def evaluation_exists() -> bool:
    return Service.objects.filter(
        Q(external_id__startswith=GUIDANCE_PREFIX) | Q(external_id__startswith=GENERATED_PREFIX)
    ).exists()


def delete_evaluation() -> dict[str, int]:
    """Remove the evaluation set's services and providers (``eval:`` and ``evalgen:``); nothing else."""
    ours = Q(external_id__startswith=GUIDANCE_PREFIX) | Q(external_id__startswith=GENERATED_PREFIX)
    with transaction.atomic():
        services = Service._base_manager.filter(ours)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")
            cursor.execute(
                "DELETE FROM services_search_document WHERE service_id IN (SELECT id FROM services_service "
                "WHERE external_id LIKE %s OR external_id LIKE %s)",
                [f"{GUIDANCE_PREFIX}%", f"{GENERATED_PREFIX}%"],
            )
        removed = _delete_rows(services)
        providers = _delete_rows(Provider._base_manager.filter(ours, services__isnull=True))
        _search_triggers_back_on()
    return {"services": removed, "providers": providers}


def _refresh_search_documents(service_ids: list[int]) -> None:
    """Build the search documents once, with the helper services/generation.py uses (its module moved with the
    search package; either place works)."""
    try:
        from services.search.documents import refresh
    except ImportError:  # before the search package
        from services.search_index import refresh  # type: ignore[no-redef]
    refresh(service_ids=service_ids)


def _pick(rng: random.Random, options: tuple[Three, ...]) -> Three:
    return options[rng.randrange(len(options))]


def generate_evaluation_directory(*, municipal: int, seed: int, guidance: bool = True) -> EvaluationResult:
    """Import the guidance services and generate ``municipal`` off-topic municipal services; see the module
    docstring. The random draws happen in a fixed order, so the seed alone decides the directory. ``guidance``
    False leaves the guidance services out (the tests use it to keep fast)."""
    started = time.monotonic()
    imported = 0
    if guidance:
        report = import_directory(document=GUIDANCE_FILE.read_bytes())
        imported = sum(len(getattr(report, outcome)["services"]) for outcome in ("created", "updated", "unchanged"))

    rng = random.Random(seed)
    municipalities = list(Municipality.objects.select_related("region").order_by("code"))
    regions = {r.pk: r for r in Region.objects.all()}
    weights = [BIG_TOWNS.get(m.code, 1) for m in municipalities]
    types = {t.code: t.pk for t in ServiceType.objects.all()}
    groups = {g.code: g.pk for g in TargetGroup.objects.all()}
    template_weights = [t.weight for t in TEMPLATES]
    prefix = f"{GENERATED_PREFIX}{seed}"
    generated = {"origin": Origin.GENERATED}

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL liv.search_deferred = 'on'")

        # Draw every service first: its template, place and language mix; providers follow from them.
        plans = []
        for _ in range(municipal):
            template = rng.choices(TEMPLATES, weights=template_weights)[0]
            place = rng.choices(municipalities, weights=weights)[0]
            languages = rng.choices(("fi", "fisv", "fisven"), weights=(3, 2, 5))[0]
            if place.region.code in ("15", "21") or (
                place.name_sv and place.name_sv != place.name_fi and rng.random() < 0.3
            ):
                languages = "fisv" if languages == "fi" else languages
            plans.append((template, place, languages))

        provider_keys: dict[tuple[str, int], int] = {}
        for template, place, _languages in plans:
            key = ("region", place.region_id) if template.health else ("municipality", place.pk)
            provider_keys.setdefault(key, len(provider_keys))
        provider_ids = _next_ids(Provider, len(provider_keys))

        def provider_rows() -> Iterator[tuple]:
            for (kind, pk), index in provider_keys.items():
                if kind == "region":
                    region = regions[pk]
                    names = (
                        f"Hyvinvointialue – {region.name_fi}",
                        f"Välfärdsområdet – {region.name_sv or region.name_fi}",
                        f"Wellbeing services county – {region.name_en or region.name_fi}",
                    )
                    home, code = None, region.code
                else:
                    m = next(x for x in municipalities if x.pk == pk)
                    names = (
                        f"Kunnan palvelut – {m.name_fi}",
                        f"Kommunens tjänster – {m.name_sv or m.name_fi}",
                        f"Municipal services – {m.name_en or m.name_fi}",
                    )
                    home, code = pk, m.code
                yield (
                    provider_ids[index],
                    names[0],
                    *names,
                    "",
                    "",
                    "",
                    "",
                    Provider.Sector.PUBLIC,
                    Provider.Kind.MUNICIPALITY,
                    home,
                    f"{prefix}:provider:{kind}:{code}",
                )

        _copy(
            Provider,
            (
                "id",
                *_translated("name"),
                *_translated("description"),
                "sector",
                "kind",
                "municipality_id",
                "external_id",
            ),
            provider_rows(),
            **generated,
        )

        service_ids = _next_ids(Service, municipal)
        relations: dict[str, list[tuple[int, int]]] = {field: [] for field in RELATIONS}
        locations: list[tuple] = []
        channels: list[tuple] = []

        def service_rows() -> Iterator[tuple]:
            for number, (pk, (template, place, languages)) in enumerate(zip(service_ids, plans, strict=True)):
                m = (place.name_fi, place.name_sv or place.name_fi, place.name_en or place.name_fi)
                pattern = _pick(rng, template.names)
                name = tuple(pattern[i].replace("{m}", m[i]) for i in range(3))
                summary = _pick(rng, template.summary)
                sentences = [summary]
                if template.extra and rng.random() < 0.7:
                    sentences.append(_pick(rng, template.extra))
                if rng.random() < 0.5:
                    sentences.append(_pick(rng, CLOSING))
                description = tuple(" ".join(s[i] for s in sentences) for i in range(3))
                provider_key = ("region", place.region_id) if template.health else ("municipality", place.pk)
                provider_id = provider_ids[provider_keys[provider_key]]
                for code in template.types:
                    if rng.random() < 0.7:
                        relations["service_types"].append((pk, types[code]))
                for code in template.groups:
                    if rng.random() < 0.8:
                        relations["target_groups"].append((pk, groups[code]))
                relations["municipalities"].append((pk, place.pk))
                if rng.random() < 0.85:
                    locations.append((pk, *_texts(name, languages), place.pk))
                if rng.random() < 0.25:
                    channels.append(
                        (
                            pk,
                            ElectronicChannel.Kind.WEB,
                            *("Suomi.fi",) * 4,
                            "https://www.suomi.fi/",
                            "https://www.suomi.fi/",
                        )
                    )
                offered = ["fi"] + (["sv"] if "sv" in languages else []) + (["en"] if "en" in languages else [])
                name, summary_t, description = (_texts(t, languages) for t in (name, summary, description))
                yield (
                    pk,
                    provider_id,
                    name[0],
                    *name,
                    summary_t[0],
                    *summary_t,
                    description[0],
                    *description,
                    False,
                    offered,
                    rng.choices(Service.Cost.values, weights=(6, 2, 2))[0],
                    Service.Status.PUBLISHED,
                    None,
                    f"{prefix}:service:{number}",
                )

        _copy(
            Service,
            SERVICE_COLUMNS,
            service_rows(),
            **generated,
        )
        for field, pairs in relations.items():
            through = getattr(Service, field).through
            target = getattr(Service, field).field.m2m_reverse_field_name()
            _copy(through, ("service_id", f"{target}_id"), pairs)
        location_ids = _next_ids(ServiceLocation, len(locations))
        _copy(
            ServiceLocation,
            ("id", "service_id", *_translated("name"), "municipality_id"),
            (
                (pk, service, fi, fi, sv, en, place)
                for pk, (service, fi, sv, en, place) in zip(location_ids, locations, strict=True)
            ),
        )
        _copy(ElectronicChannel, ("service_id", "kind", *_translated("name"), "url", "url_fi"), channels)

        def opening_hours_rows() -> Iterator[tuple]:
            for pk in location_ids:
                if rng.random() < 0.5:
                    continue
                for weekday in range(1, 6):
                    yield (pk, weekday, "08:00", "16:00")

        _copy(OpeningHours, ("location_id", "weekday", "opens", "closes"), opening_hours_rows())
        _search_triggers_back_on()

    written = time.monotonic()
    with connection.cursor() as cursor:
        for model in (Provider, Service, ServiceLocation, ElectronicChannel, OpeningHours):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        for field in RELATIONS:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(getattr(Service, field).through._meta.db_table)}")
    _refresh_search_documents(service_ids)
    finished = time.monotonic()
    return EvaluationResult(
        guidance=imported,
        municipal=len(service_ids),
        providers=len(provider_ids),
        seconds=finished - started,
        index_seconds=finished - written,
    )
