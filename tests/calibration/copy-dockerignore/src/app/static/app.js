index delta order render value index render
index delta render beta render
config alpha delta config
alpha delta delta render total gamma gamma total alpha gamma
delta alpha config order
value gamma beta alpha alpha alpha config gamma value config alpha config
order gamma alpha order delta value config alpha gamma
beta render index config delta delta beta gamma config
beta order total delta user alpha value user beta
render gamma total user delta alpha alpha order beta alpha delta
total total alpha total render config user index
beta user alpha value order delta gamma config config alpha value
value index gamma alpha
render beta value value order order gamma user
user config value index render user beta render user gamma
order delta gamma index total config index index order
config config config delta beta order gamma render delta gamma
beta render render config
beta beta value value index config total beta index delta gamma
alpha render total index order order delta config value beta
alpha index beta gamma config beta delta beta alpha user
config config beta total gamma value gamma
alpha beta config order index gamma user delta value render order
delta index config config
value render user beta render
alpha config total delta config order user beta delta config gamma user
order index total alpha value user render delta user order
beta beta beta order index render order
order value beta value order total config total
beta config beta delta order total total config total
total alpha beta delta user beta gamma config
index total total gamma config gamma
delta config order total alpha alpha config alpha
value render user order beta index user order config value render render
delta config beta index beta user index order
value delta user alpha alpha user alpha
index beta alpha config index
delta user beta alpha beta
delta total gamma user
alpha delta alpha gamma index total value
config beta user config alpha order total alpha value order index order
alpha delta index total
index index value delta alpha index beta value
beta alpha beta config total
delta delta total total gamma total alpha beta
value user value beta user user index user
config gamma alpha delta delta
config gamma gamma total config order
index delta index total alpha beta
user user value beta index total value delta beta config
alpha alpha render total
config value order total
beta user index index config alpha index gamma beta delta
gamma alpha config alpha
value beta value order beta delta delta order config value value
beta index order value total
render user index config value user index alpha total value delta
gamma alpha render delta value order index index config gamma value
order user total total total gamma order delta value user total order
config alpha render order index render index
delta gamma user render gamma index config index
index value alpha index index
config user beta gamma config gamma total total user value
value user total render order alpha alpha delta index user render
index user total total order config
gamma beta order index delta value value order alpha render alpha user
user order alpha render index index config user order gamma total order
index alpha config user total user total render total delta config
value user alpha order value
total render gamma beta index config config user delta user config order
config gamma total index config user render value value user
total value render render index index value beta total beta beta user
render value total beta gamma user render render gamma render index order
total alpha total user gamma value value value total
delta alpha order alpha beta
delta gamma total order index config render gamma beta order user render
user gamma order index value order user index render total render beta
beta beta index alpha total beta delta order render user index
user delta gamma config render total user config gamma config index
total index render order alpha delta
beta order beta alpha user delta config delta
total alpha delta index value config delta alpha config render gamma
user value delta render alpha index index alpha gamma
user beta order order gamma beta index beta delta
value render value value gamma
total order render user alpha order gamma
value delta gamma user order
beta index alpha total render config order index index render value
user value delta alpha index
gamma value gamma user beta config index alpha
delta user alpha render index render user
value user beta value delta total render config delta index
config value render user beta user render
render value user alpha total order alpha index order
order gamma value index gamma render config alpha order beta alpha
config beta config order config gamma beta
order user render total render user total
order total delta index order render alpha total config render render
total total gamma gamma order alpha beta gamma
order delta user render
value render order index order index config user user render beta render
gamma user value alpha order
render beta config index delta render value user user config
user alpha order user config index index alpha render index
beta render config total alpha total value beta
config render total user render render alpha render
user alpha delta alpha gamma delta render total config user user
render user user config total
beta render user order beta order delta
index order user value beta
total user order user order order value user total beta
alpha value alpha gamma total beta config gamma
value gamma order delta total
alpha user delta delta config user index alpha value alpha
beta alpha order user
delta total beta gamma user beta delta total
value config value gamma order
user delta config config index gamma index user alpha
order beta gamma beta config user order order alpha render gamma
config total gamma index user index
delta delta gamma gamma order value order value user user render
value render value value render beta alpha order delta value alpha value
alpha total alpha index beta total alpha config config delta
order config config alpha total gamma
total beta render index value config user render value render delta value
index render user user config value delta total
gamma index beta order render index value alpha total gamma
value user delta user alpha config index config beta alpha
value order gamma index beta alpha config order config config order order
gamma value alpha beta total gamma index gamma
gamma gamma alpha user value total
user beta beta index total user index
order render alpha alpha config index render
delta alpha gamma config value delta value config config alpha
beta value gamma config order alpha total
beta render gamma index total value alpha alpha
render alpha render alpha gamma delta delta config
delta user alpha delta user order gamma config render
beta total gamma value order render config delta gamma total total
user user config user total user beta index
index order config user user user user config gamma delta
user value beta order beta beta config config render config value beta
value render config order
config beta gamma gamma alpha total user config delta value
total config config index alpha gamma delta delta total user gamma
alpha user alpha config user beta index alpha total gamma alpha gamma
value user value gamma
render gamma delta order config delta render user delta alpha
beta beta gamma gamma
gamma render render gamma delta
config render index beta gamma gamma order user order alpha index
render user total render user index total delta order value
total delta delta gamma delta config beta value user alpha render gamma
render total total delta beta render order
value config user config total index user delta delta
gamma gamma delta index gamma value beta value order
config delta total index index user
order render value beta
order gamma alpha gamma alpha gamma render total render order config
value user order order gamma gamma total value
render total gamma beta config beta value value
delta alpha config config beta total delta alpha gamma alpha user order
delta order user gamma
beta alpha total value total
alpha beta value user
render total delta beta beta alpha order config
delta delta index delta alpha value alpha delta
total user config beta user beta index beta user
total gamma config total index gamma order index order gamma config
index user alpha total render index index total
total value delta gamma
render gamma user alpha
gamma config value value gamma render total index
total gamma beta value gamma alpha index delta user gamma
total user order alpha total
user render render beta delta
render delta alpha user delta render
alpha user gamma beta value value value alpha
delta beta render delta beta config user
value delta user alpha user order
value config delta config beta
render render config gamma render value gamma index config index index
value delta alpha delta user render user render render
user delta beta total order
alpha gamma render user
index gamma delta order delta total gamma value render
alpha render alpha value delta total total alpha beta total total
alpha total config order config user total user
order gamma config index
total alpha gamma config alpha index
beta alpha order config delta
delta delta alpha gamma beta config render config beta render delta
gamma beta index alpha user beta
alpha config delta index total total index beta beta
user delta config total
config value gamma user delta index
config config delta gamma index
render index order gamma delta value alpha total gamma order
beta index render delta user user total
config delta order render alpha delta config config value delta gamma
alpha value render user render total index value user
total gamma beta total gamma config index delta alpha alpha
config config value beta gamma delta
value alpha index alpha alpha user order
index user gamma gamma render gamma index index gamma delta user
index render alpha user render render
beta gamma beta beta index gamma index beta gamma value alpha value
alpha render render value index config index beta
order render beta render gamma render index delta value beta index gamma
user alpha total total
order config delta order index index render render index value
render index alpha total delta total order index
beta index delta render gamma config
user render user user
value beta beta beta
config user beta order index render render user beta gamma value
alpha beta beta gamma config gamma
beta index beta index gamma order config gamma user value gamma total
beta config index config delta total beta total order total
index total alpha config index value config delta user user order alpha
delta delta config delta config user render
render render order alpha config alpha render index render
render user alpha value alpha total beta alpha user total
beta config beta gamma value
config order user gamma user index delta user gamma config delta config
order index order value render total delta gamma
user delta config render delta value alpha beta
user alpha delta alpha delta user
index alpha order gamma total render beta
alpha beta render user gamma config
alpha delta config config beta user
user value beta order user beta
config delta config index value delta render config order total index
config value index index order alpha total user
total value render total alpha alpha
delta delta total config config gamma user value value user beta
order render delta value value alpha config value value
delta value value beta beta index user render
user alpha order value value index alpha index order gamma alpha render
delta alpha total total value config total total
user delta user gamma alpha index total total render beta
user user beta value total order config index index gamma order
config delta index user
value render user config total alpha user
alpha alpha beta beta gamma user render
index value delta index gamma
config index index render value gamma user order beta gamma
render beta render delta render delta index order
value total config delta
alpha beta total value delta alpha
value render total value config beta value total config index gamma
total gamma total order total
alpha beta user gamma user alpha delta order total total delta
config config alpha gamma user value
total user index user delta index render render
beta beta delta config alpha alpha delta total user total delta value
user total render beta
render delta beta alpha delta user user alpha
order index config delta delta delta render beta
alpha beta index render index total render gamma
delta index gamma alpha alpha beta
order value total render total user value user
user delta delta user beta user user alpha
alpha user user index
total index order index value gamma index delta alpha user
beta delta value render index render alpha total alpha delta delta render
render render beta total user total total total order
alpha render order config gamma value user config beta gamma render alpha
delta gamma beta beta
gamma config index beta value config
total beta config value delta value gamma delta order gamma
order order order user render value value
order user total index
gamma render order value order user total beta beta alpha order alpha
total order index order config render order render beta total delta order
total beta value total render index gamma
index gamma gamma order
user alpha total beta value beta
index delta index render
user order index order index value beta total alpha delta beta beta
index gamma delta index alpha gamma index config order render value gamma
total config user config total index index order value user
beta config alpha beta value index total render beta value order
gamma user index value value gamma render order total
user total total user value user user config delta beta total
order config total index render
alpha render gamma index alpha total index index user gamma value order
delta index config user
alpha delta order user
config render alpha value order gamma delta config render gamma delta
config value alpha config render index beta
beta value render beta delta render delta config
value delta beta beta config
beta index order value beta value beta delta
beta gamma index render order render gamma user total render index alpha
beta beta value index beta user delta
index delta delta value config order render index
order render config total
alpha config user order user render render
user gamma gamma value value delta alpha alpha delta
index total render total total order order user gamma order user alpha
alpha user delta index delta alpha order order
gamma user order total
total render total delta render order index user
delta gamma config value index total order config render
alpha delta render beta render order gamma
order order alpha alpha
order index index beta total alpha order
order render alpha delta beta value
delta value value beta
user config total gamma user alpha config render index index total order
total alpha alpha gamma value
total order user render delta order delta gamma user beta index
user total value render config render value
index beta order index beta alpha index delta beta delta
config config render config
delta beta user config alpha index value order beta
order index index config gamma delta value total gamma
gamma render delta value value
render index beta index config gamma delta value index gamma index user
beta alpha order render
config config gamma order total order beta order
gamma user gamma index alpha config user render total value index alpha
alpha total user alpha user
delta delta delta value delta delta user value user beta render
render beta config order value order delta config
config total alpha render gamma value index gamma value alpha
beta alpha gamma order total user config total
value index gamma alpha order render delta render
user beta user beta user value index
user render gamma value render total gamma render config config index gamma
user delta render index index config config beta
user render alpha value render alpha user gamma config order
user render order alpha config total user value delta
beta alpha render beta total total delta index
alpha user beta gamma alpha total user user config config alpha index
beta total config gamma
delta value total index value delta
alpha render order user order user
order value render delta gamma render user config gamma gamma config
beta gamma total delta total total index user config value
delta delta config index total index render order alpha
render total index value value render
render gamma order beta delta
config render config user gamma config gamma alpha
index delta order delta alpha render alpha gamma value total alpha user
config gamma config render gamma user delta gamma alpha gamma
total beta user gamma
order alpha alpha render delta alpha render order delta config
alpha gamma delta delta gamma gamma
beta config user render
value delta user order gamma alpha
delta render render gamma alpha config
index value user value value beta user render order
user total index beta value render total delta
value order order order delta config render
gamma config delta config user order delta index index
config gamma value delta gamma delta user config delta
delta index delta user render order beta
alpha config render gamma config render gamma
config index render gamma beta config user config gamma config user
order gamma config config
config beta index value user config beta alpha
config total total user render gamma render user
beta order alpha index
delta gamma delta index render total config gamma config beta config
value beta alpha render config
total order config value user gamma index delta alpha beta gamma gamma
render config index gamma user config gamma user config value
index order gamma config order delta beta total gamma delta gamma
user gamma alpha value total render delta user order config order user
gamma gamma total index user value user gamma render alpha user order
delta total delta config order user alpha alpha index render gamma
config delta gamma index gamma order render gamma gamma
delta beta value gamma config config gamma
gamma alpha value delta beta render total alpha value beta index
gamma gamma total value user index beta delta gamma alpha total
user total delta value value
total index index total order render value delta user
alpha config value value user order beta beta total gamma
total config beta delta alpha total value order
render index value user delta config render gamma index order gamma alpha
delta user gamma user render value
config beta value gamma beta alpha total value index
config delta delta render user
index config index user order beta value
order alpha alpha user render total
delta alpha total delta user user delta beta delta order total
gamma alpha alpha order order
user alpha render beta beta index gamma
index value alpha order order index
render delta render alpha gamma index user gamma alpha render alpha index
total total index user total config render index value beta
beta total alpha value index index config
gamma order gamma config order gamma
order order order user
alpha user total order beta order
config delta user config value config render order render gamma beta total
config value user render order delta beta total order beta config gamma
gamma gamma index render
gamma index alpha delta beta total
config gamma order value config
order total gamma beta value value order value total render
alpha render delta user value order user
value order order index alpha total user user render alpha beta beta
config order value delta gamma config beta render total order
render config gamma render order alpha total alpha alpha gamma total
delta total index delta delta config order
gamma order user user beta index
total index user config delta config
order alpha alpha total value beta render
delta value total render delta total delta
render value render render beta alpha gamma order
config total render total
value render order alpha total user
gamma index user index order order beta total index
beta alpha index alpha value order total user index render delta
delta config order config delta delta index gamma beta index gamma delta
render render beta index user delta beta order beta
total config total config value beta order total order beta alpha
value render alpha total config index beta total gamma delta delta config
gamma value render config total render beta total total index index
total order config value config
order user alpha delta gamma value delta gamma order index config
render alpha delta index order gamma value delta config value
gamma value user beta
value index gamma delta beta total beta total index
delta index gamma value index gamma total
index user total beta value delta delta value value gamma total
index beta user index total beta config delta config
alpha beta value total render delta config total alpha index value
config value alpha total value order value config order delta user
value render total beta gamma total total total order delta gamma order
total value user config user
beta value total user beta beta user beta index
order index alpha config
index index value beta beta
index delta gamma beta index render config order gamma
value render gamma user render delta gamma order beta config
alpha config value config order beta
config delta value index delta beta user render render
render value total order config alpha
render value index user value value render gamma alpha value order render
config beta delta value render
index total config config order render order
render gamma delta beta order beta
render delta index order index
order delta beta total value beta total gamma
alpha value alpha render
total delta config index alpha config
render value delta total order user
total value value delta gamma user config user delta index delta
delta beta user user render value config beta
delta delta render delta order user value user index
total config total order
value order alpha config user delta value delta beta user beta order
beta user value user delta delta gamma gamma
user gamma config user beta beta index
index config delta alpha index alpha user gamma gamma
alpha value order index delta config total index value beta index user
beta gamma beta total render order render
beta delta beta value config beta config
delta value delta value order alpha beta
render index user user total delta delta config user total
gamma config total user beta render delta delta config user index render
delta delta delta value user value render config index delta config value
user alpha order delta gamma user beta gamma delta value
order value value alpha user order order render
gamma value user user index delta total
gamma alpha alpha render alpha gamma index render value user value render
value gamma beta delta index gamma gamma config value config delta beta
render config total render
config render order order beta total user
alpha beta render delta delta
beta order index alpha
order beta total order index gamma
index beta beta render value index beta value order render value
delta config alpha beta alpha
config render beta value delta
gamma user delta gamma index gamma order render config render user user
index order index gamma index delta render value index
config delta render beta delta order
gamma beta delta beta
index user index delta delta total
value value index index user total
alpha order alpha config config
render order delta total gamma render index
beta total value user delta beta delta total alpha render order user
order value order render alpha
value render alpha user config order delta gamma
total value value total
beta beta order delta
order index order render delta value config order alpha total order gamma
index delta total config
order render render order order beta render
total value index gamma render delta gamma value valu