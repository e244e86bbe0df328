/**
 * Small word lexicons for telling English, French, Spanish and German apart in short
 * chain-of-thought text: function words, number words, and the connectives and verbs of
 * arithmetic ("égale", "donne", "ergibt"…). Written for r1lab; a word may sit in several lists
 * (e.g. "plus"), in which case the sentence around it decides.
 */

const EN = `the an and or but of to in on at by for with from is are was were be been being it its this that
these those we you they he she him her his our their us me my your so then now next first second third
finally therefore thus hence because since if not no yes can could will would should must have has had do
does did done let as all each every which what when where how why there here equals equal equaling gives
give giving plus minus times divided multiplied added add adding subtract subtracting subtracted multiply
multiplying divide dividing sum total product difference number numbers answer result get gets got find
compute calculate calculating check wait zero one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
ninety hundred thousand million half left remaining more less than over per only also just same right
correct wrong step steps need know means okay hmm into out up down again another other both either after
before while still yet any some many much very about
which whose who whom makes make made take takes took remainder twice square root`;

const FR = `le la les un une des du de et ou mais donc puis ensuite alors est sont était étaient être avoir ai
avons avez ont nous vous ils elles elle il on je ce cet cette ces que qui quoi dans sur pour par avec sans
pas ne plus moins fois égale égal égalent égaux font fait faisons donne donnent divisé divisée multiplié
multipliée additionné additionnons soustrait soustrayons somme total produit différence nombre nombres
réponse résultat trouver trouvons calculer calculons vérifions vérifier premier première deuxième troisième
enfin finalement car parce puisque si oui non peut peuvent faut doit chaque tous tout toute toutes aussi
comme reste restent restant zéro deux trois quatre cinq sept huit neuf dix onze douze treize quatorze
quinze seize vingt trente quarante cinquante soixante cent cents mille moitié au aux leur leurs son sa ses
mon ma mes notre nos votre vos abord maintenant bien très voici voilà chose obtient obtenons obtenu dont où
quand comment pourquoi encore aussi après avant ainsi cela ça lui même autre autres fois racine carré
reste égalité nous avons soit alors additionner soustraire multiplier diviser ajoute ajoutons enlève`;

const ES = `el la los las un una unos unas o pero entonces luego después es son era eran ser estar está están
hay tiene tienen tenemos nosotros vosotros ellos ellas ella él yo esto este esta estos estas ese esa eso que
quien qué en sobre para por con sin no más menos veces igual iguales da dan dividido dividida multiplicado
multiplicada sumado sumamos restado restamos suma total producto diferencia número números respuesta
resultado encontrar calcular calculamos verificar verificamos primero primera segundo tercero finalmente
porque pues si sí puede pueden debe cada todos todo toda todas también como queda quedan cero uno dos tres
cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis veinte treinta cuarenta
cincuenta sesenta cien ciento mil millón mitad al del su sus mi mis nuestro nuestra ahora bien muy lo le
les se ya cuando donde cómo obtenemos vamos hacer hace hacemos así entre otro otra otros mismo raíz
cuadrado luego sumar restar multiplicar dividir`;

const DE = `der die das den dem des ein eine einen einem einer und oder aber also dann danach ist sind war
waren sein haben hat hatte wir ihr sie er es ich dies diese dieser dieses dass wer was in auf für mit ohne
von zu zum zur bei nach aus nicht kein keine plus minus mal gleich ergibt ergeben geteilt durch
multipliziert addiert subtrahiert summe gesamt insgesamt produkt differenz zahl zahlen antwort ergebnis
finden berechnen berechnet prüfen erste erstens zweite zweitens dritte schließlich endlich weil da wenn ob
ja nein kann muss jede jeder jedes alle auch wie bleibt übrig null eins zwei drei vier fünf sechs sieben
acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig hundert tausend million hälfte im am um unser
jetzt gut sehr noch schon nun man wird werden können müssen wurzel quadrat rechnen addieren subtrahieren
multiplizieren dividieren also somit daher`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

/** Lexicon per ISO 639-1 code, lowercase. */
export const LATIN_LEXICONS: Readonly<Record<'en' | 'fr' | 'es' | 'de', ReadonlySet<string>>> = {
  en: wordSet(EN),
  fr: wordSet(FR),
  es: wordSet(ES),
  de: wordSet(DE),
};

/** Letters that only (or mostly) occur in one or two of the four languages. */
export const ACCENT_HINTS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/ñ/, ['es']],
  [/[ßäö]/, ['de']],
  [/ü/, ['de']],
  [/[çèêàùœâîôûëï]/, ['fr']],
  [/[áíóú¿¡]/, ['es']],
  [/é/, ['fr', 'es']],
];
