"""Articles the rules were not written against, written as a newspaper prints them: one
paragraph a line, boilerplate included."""

ANKARA = """\
Erdogan hosts Zelensky in Ankara as talks stall
Turkish President Recep Tayyip Erdoğan hosted Ukrainian President Volodymyr Zelensky in Ankara on Wednesday, days after talks in Istanbul stalled.
Hakan Fidan, Turkey's foreign minister, will meet Russian Foreign Minister Sergey Lavrov in Moscow next week.
Plans for a summit between Erdogan and Vladimir Putin in Istanbul are on hold, officials said.
Russia launched 150 drones and 12 missiles overnight, killing at least nine people and wounding 30, the air force said.
“We are ready to do whatever it takes to bring the parties together,” Erdogan told reporters in Kyiv.
Kremlin spokesman Dmitry Peskov said that a new round of talks was not planned.
Updated
Zelenskyy thanked his host after the meeting. He said:
We will not stop working for peace. Every day of this war costs lives.
"""

CALLS = """Nordic leaders weigh air defence for Kyiv
Finnish President Alexander Stubb and U.S. Secretary of Defense Pete Hegseth discussed air defence \
for Ukraine in a video call on Wednesday, Stubb's office said.
Hegseth later discussed the Patriot deliveries with Swedish Prime Minister Ulf Kristersson in a \
phone call on Thursday.
"""

TRUMPS = """Donald Trump spoke with Donald Tusk on Monday.
Melania Trump wrote a letter to Vladimir Putin about children.
Trump later said the call with Tusk was productive.
"""
