"""Spoken Finnish read as standard Finnish, before the query is parsed and embedded.

People type as they speak ("en tiiä mikä musta tulis isona", "haluun takas koulun penkille"), and neither Voikko
nor the model reads the spoken forms: Voikko knows no "tiiä" or "tulis", reads "musta" as black (and the start of
Mustasaari) and "haluun" as the illative of "halu", and an unknown word is "corrected" to whatever known word is
nearest. So the frequent spoken forms of pronouns, verbs, particles and everyday places (:data:`FORMS`) are
replaced by their standard forms. A list and not the spoken language's patterns (a dropped final vowel or
consonant, the clitic -ks): the patterns, kept only when Voikko knew the result, read Swedish "göra" as "Göran",
"TUVA" as "Tuvan" and "Lahtis" as "lahtisi" (your bay).

Everyday vocabulary (duuni, työkkäri, amis) is not here: those are synonyms, which coordinators keep in the admin
(services.search.vocabularies).
"""

from __future__ import annotations

import re

# Spoken form > standard form: pronouns; verbs whose spoken form is another word or irregular; particles,
# numerals and the places of everyday life.
_FORMS = """
mä>minä mää>minä sä>sinä mun>minun mulle>minulle mulla>minulla multa>minulta musta>minusta mua>minua
sulle>sinulle sulla>sinulla sulta>sinulta susta>sinusta sua>sinua meil>meillä meiän>meidän
semmonen>sellainen semmosta>sellaista tommonen>tuollainen tällänen>tällainen millanen>millainen
minkälaista>millaista jotai>jotain mitää>mitään

oon>olen oot>olet oo>ole ollaa>ollaan meen>menen tuun>tulen tiiä>tiedä tiiän>tiedän tiiäks>tiedätkö
tehä>tehdä nähä>nähdä haluun>haluan haluu>haluaa haluisin>haluaisin haluis>haluaisi ois>olisi olis>olisi
tulis>tulisi vois>voisi pitäis>pitäisi pääsis>pääsisi sais>saisi kävis>kävisi pystyis>pystyisi
kannattais>kannattaisi hakis>hakisi osais>osaisi jaksais>jaksaisi tekis>tekisi menis>menisi
tarttis>tarvitsisi tarttee>tarvitsee mennää>mennään
ollu>ollut tehny>tehnyt käyny>käynyt menny>mennyt tullu>tullut saanu>saanut päässy>päässyt
joutunu>joutunut valmistunu>valmistunut lopettanu>lopettanut
onks>onko voiks>voiko saaks>saako pitääks>pitääkö pääseeks>pääseekö kannattaaks>kannattaako

takas>takaisin uus>uusi uuen>uuden uuet>uudet kaks>kaksi viis>viisi kuus>kuusi sitte>sitten nii>niin vaa>vain
kans>kanssa mut>mutta
ku>kun ite>itse itekki>itsekin hima>koti himas>kotona himassa>kotona himaan>kotiin kotii>kotiin
koulus>koulussa kouluu>kouluun töis>töissä töihi>töihin
"""
FORMS: dict[str, str] = dict(pair.split(">") for pair in _FORMS.split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # a hyphenated word is a name or a compound: left as typed


def standardise(text: str) -> str:
    """The text with each spoken Finnish word of :data:`FORMS` in its standard form (the rest as typed)."""
    return _WORD.sub(lambda match: FORMS.get(match.group(0).lower(), match.group(0)), text)
