user index index user order delta gamma user index total order
beta index render gamma beta user
order value index total
order alpha user beta alpha alpha
delta order alpha index config index order
user delta total render index alpha total
index total render value user
render config delta user render
beta order beta value
render value beta alpha total
delta delta alpha index
value value beta order total delta total render config beta
config alpha value beta gamma delta beta alpha
index index gamma total
delta index user delta gamma value total value beta value value delta
render order render alpha
gamma value order total order beta alpha
delta index render alpha order config
value beta beta beta delta order total delta
order config config order
gamma order index order gamma value gamma total gamma render delta
delta gamma total user delta total value
order beta value alpha beta beta alpha user render delta value
value order index render user gamma beta gamma
index user total order order beta render
delta alpha beta render value index delta
alpha gamma render config
order gamma beta config gamma index config total user order gamma order
alpha index config render
alpha order total beta
beta render config gamma beta beta index user config alpha gamma
config beta total index beta value alpha index order
order total value value
order beta beta beta
render value config value order
index index user beta user user alpha render order beta index
delta beta index order
render alpha config render gamma total order delta user gamma config
index delta config value total render delta total value delta delta
delta order config delta gamma gamma index config alpha beta
gamma beta index index render delta value value
index total config order index config beta alpha render order alpha total
order config render total order alpha total gamma
index delta alpha render delta gamma alpha total beta index
total user total total config
total delta delta index render
alpha index user alpha gamma delta
config user user user order gamma value delta
value value gamma index index
total alpha value user order total user
index config total delta beta total beta delta delta
beta render user config render alpha config user beta alpha
config user value render index alpha delta beta value alpha gamma
config total gamma index gamma user user total index index order beta
index user user render user total gamma
user user render render total value order delta render gamma user user
order index delta value user beta user alpha
alpha user alpha user value user order beta index beta
beta user index value value render
index index gamma config value index user
beta delta value order alpha render gamma alpha alpha
gamma delta alpha total render config config
order index beta index order beta user
delta user value alpha value total value user
user delta total user total delta
delta user order order gamma delta total config gamma config order config
delta delta beta gamma delta gamma beta
value beta value value user gamma delta value
beta delta order total
config beta user total config user total delta beta
beta alpha alpha user order user order index gamma delta gamma
delta gamma gamma render total
order alpha gamma total index
beta config value index value
config value delta order config alpha total alpha delta gamma value index
config value delta order gamma beta user alpha config
total value order order delta
order config render render beta gamma value gamma config user config value
value delta gamma beta config render
beta alpha config total order alpha delta render total render config
total value order gamma user beta value
index total delta beta value order alpha beta order beta delta render
value user alpha delta total value alpha beta render render render
user user user value user order beta total index
user order total alpha value
value index gamma index user order
value index value render
value order render config user render index total render user render total
alpha alpha delta order alpha total gamma value
alpha config value alpha order config beta delta value index
delta alpha user beta index gamma delta order
alpha order value index beta
alpha config user 